namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>
/// Development tokens: signed with a key kept in the user's profile, never in the repo, and trusted only when the
/// local host runs in the Development environment.
/// </summary>
internal static class DevelopmentTokenOptions
{
    public const string Scheme = "DevelopmentTokens";

    public const string Issuer = "https://profilefunctions.localhost/development-tokens";

    public const string Audience = "api://profilefunctions-localhost";

    public const string TenantId = "development";

    /// <summary>Setting that moves the key file (<c>DevelopmentTokens__KeyFile</c>); tests point it at a temporary file.</summary>
    public const string KeyFileSetting = "DevelopmentTokens:KeyFile";

    public static string KeyFile(IConfiguration configuration) =>
        configuration[KeyFileSetting] is { Length: > 0 } path
            ? path
            : Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
                "ProfileFunctions",
                "development-token-key");
}
