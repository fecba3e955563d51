using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>
/// <c>token --user &lt;oid&gt; [--scope "..."] [--role "..."] [--app &lt;id&gt;] [--minutes N]</c>: prints a token the
/// local host trusts in Development, signed with the key <c>dotnet user-jwts</c> keeps in user secrets. It does what
/// <c>dotnet user-jwts create</c> does, in a second rather than five: user-jwts evaluates the project on every call.
/// </summary>
internal static class DevelopmentTokenCommand
{
    public const string Usage = """
        Usage: ProfileFunctions.LocalHost token --user <oid> [--scope "<scopes>"] [--role "<roles>"] [--app <app id>] [--minutes <n>]
          --user     the caller's object id (oid); also what 'me' resolves to
          --scope    space-separated delegated scopes (default: Profile.ReadWrite, unless --role is given)
          --role     space- or comma-separated app roles, e.g. Profile.ReadWrite.All; with no --scope the token is an application token
          --app      the calling application's id (azp); default: profilefunctions-localhost
          --minutes  lifetime, 1 to 1440 (default: 60)
        The token is trusted only by the local host running in the Development environment.
        """;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--user"] = "user",
        ["--scope"] = "scope",
        ["--role"] = "role",
        ["--app"] = "app",
        ["--minutes"] = "minutes",
    };

    /// <summary>Exit code for "no signing key yet": token.sh then has <c>dotnet user-jwts</c> make one, and asks again.</summary>
    public const int NoSigningKey = 3;

    /// <summary>
    /// The settings a running local host would see in Development: appsettings.Development.json (issuer and audience)
    /// and user secrets (the signing key), then environment variables.
    /// </summary>
    public static IConfiguration DevelopmentSettings() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"), optional: true)
            .AddUserSecrets(typeof(DevelopmentTokenCommand).Assembly)
            .AddEnvironmentVariables()
            .Build();

    public static int Run(string[] arguments, IConfiguration settings, TextWriter output, TextWriter error)
    {
        IConfiguration options;
        try
        {
            options = new ConfigurationBuilder()
                .AddCommandLine(arguments, Switches)
                .Build();
        }
        catch (FormatException exception)
        {
            return Fail(error, exception.Message);
        }

        for (int i = 0; i < arguments.Length; i++)
        {
            string name = arguments[i].Split('=')[0];
            if (!Switches.ContainsKey(name))
            {
                return Fail(error, $"Unknown option {arguments[i]}.");
            }

            // "--user --scope x" would otherwise make "--scope" the user.
            if (!arguments[i].Contains('=', StringComparison.Ordinal)
                && (++i == arguments.Length || arguments[i].StartsWith('-')))
            {
                return Fail(error, $"{name} needs a value.");
            }
        }

        string? user = options["user"];
        if (string.IsNullOrWhiteSpace(user))
        {
            return Fail(error, "--user <oid> is required.");
        }

        string[] roles = Split(options["role"], ' ', ',');
        string[] scopes = options["scope"] is { } scope
            ? Split(scope, ' ')
            : roles.Length == 0 ? ["Profile.ReadWrite"] : [];
        if (!int.TryParse(options["minutes"] ?? "60", NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) || minutes is < 1 or > 1440)
        {
            return Fail(error, "--minutes must be a whole number from 1 to 1440.");
        }

        var scheme = settings.GetSection(DevelopmentTokenOptions.Section);
        string issuer = scheme["ValidIssuer"] ?? DevelopmentTokenOptions.Issuer;
        string? audience = scheme.GetSection("ValidAudiences").Get<string[]>()?.FirstOrDefault() ?? scheme["ValidAudience"];
        string? key = scheme.GetSection("SigningKeys").GetChildren().FirstOrDefault(signingKey => signingKey["Issuer"] == issuer)?["Value"];
        if (key is null || audience is null)
        {
            error.WriteLine($"No development-token signing key for issuer '{issuer}' and audience in {DevelopmentTokenOptions.Section}: run "
                + $"dotnet user-jwts key --project ProfileFunctions.LocalHost --scheme {DevelopmentTokenOptions.Scheme} --reset --force (token.sh does this on first use).");
            return NoSigningKey;
        }

        output.WriteLine(Mint(new SymmetricSecurityKey(Convert.FromBase64String(key)), issuer, audience, user, scopes, roles, options["app"] ?? "profilefunctions-localhost", TimeSpan.FromMinutes(minutes)));
        return 0;
    }

    internal static string Mint(SecurityKey key, string issuer, string audience, string user, string[] scopes, string[] roles, string app, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            ["oid"] = user,
            ["sub"] = user,
            ["azp"] = app,
            ["ver"] = "2.0",
        };
        if (scopes.Length > 0)
        {
            claims["scp"] = string.Join(' ', scopes);
        }

        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static string[] Split(string? value, params char[] separators) =>
        value?.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine(Usage);
        return 2;
    }
}
