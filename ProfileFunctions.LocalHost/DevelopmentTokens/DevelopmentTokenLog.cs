namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>The one start-up line that tells a developer which tokens the local host accepts, and how to get one.</summary>
internal static partial class DevelopmentTokenLog
{
    public static void Accepted(ILogger logger, bool only)
    {
        if (only)
        {
            LogDevelopmentTokensOnly(logger);
        }
        else
        {
            LogDevelopmentAndEntraTokens(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepting development tokens only (AzureAd__TenantId and AzureAd__ClientId are not set, so Entra ID is not contacted); mint one with ./token.sh --user <oid>")]
    private static partial void LogDevelopmentTokensOnly(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepting Entra ID tokens for the configured app registration and, in Development, development tokens; mint one with ./token.sh --user <oid>")]
    private static partial void LogDevelopmentAndEntraTokens(ILogger logger);
}
