using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>
/// <c>token --user &lt;oid&gt; [--scope "..."] [--role "..."] [--app &lt;id&gt;] [--minutes N]</c>: prints a token the
/// local host trusts in Development, much as <c>dotnet user-jwts create</c> does for ASP.NET Core.
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
          --key-file the signing key's file (default: DevelopmentTokens__KeyFile, else ~/.config/ProfileFunctions/development-token-key)
        The token is trusted only by the local host running in the Development environment.
        """;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--user"] = "user",
        ["--scope"] = "scope",
        ["--role"] = "role",
        ["--app"] = "app",
        ["--minutes"] = "minutes",
        ["--key-file"] = DevelopmentTokenOptions.KeyFileSetting,
    };

    public static int Run(string[] arguments, TextWriter output, TextWriter error)
    {
        IConfiguration options;
        try
        {
            options = new ConfigurationBuilder()
                .AddEnvironmentVariables()
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

        var key = DevelopmentSigningKey.LoadOrCreate(DevelopmentTokenOptions.KeyFile(options));
        output.WriteLine(Mint(key, user, scopes, roles, options["app"] ?? "profilefunctions-localhost", TimeSpan.FromMinutes(minutes)));
        return 0;
    }

    internal static string Mint(SecurityKey key, string user, string[] scopes, string[] roles, string app, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            ["oid"] = user,
            ["sub"] = user,
            ["tid"] = DevelopmentTokenOptions.TenantId,
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
            Issuer = DevelopmentTokenOptions.Issuer,
            Audience = DevelopmentTokenOptions.Audience,
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
