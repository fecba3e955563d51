namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>
/// Development tokens, the ASP.NET Core way: <c>dotnet user-jwts</c> keeps the scheme's signing key in this project's
/// user secrets under <c>Authentication:Schemes:DevelopmentTokens</c> (never in the repository), appsettings.Development.json
/// names its issuer and audience, and JwtBearer binds that section by itself. Trusted only in the Development environment.
/// </summary>
internal static class DevelopmentTokenOptions
{
    public const string Scheme = "DevelopmentTokens";

    /// <summary>The section JwtBearer binds for the scheme, and the one <c>dotnet user-jwts --scheme DevelopmentTokens</c> writes.</summary>
    public const string Section = "Authentication:Schemes:" + Scheme;

    /// <summary><c>dotnet user-jwts</c>' default issuer; the scheme selection recognises development tokens by it.</summary>
    public const string Issuer = "dotnet-user-jwts";

    /// <summary>
    /// Development-token-only mode: the Development environment with no app registration named, so no Entra ID token
    /// could be validated. The local host then accepts development tokens only and never contacts Entra ID.
    /// </summary>
    public static bool IsTokensOnly(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment()
        && string.IsNullOrWhiteSpace(configuration["AzureAd:TenantId"])
        && string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]);
}
