using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>
/// Makes the API's Bearer scheme hand development tokens to a scheme of their own, so that the Core's
/// authentication (and Microsoft.Identity.Web's validation of every other token) stays exactly as in production.
/// </summary>
internal static class DevelopmentTokenAuthentication
{
    private static readonly JsonWebTokenHandler Reader = new();

    // Stand-in app registration for development-token-only mode: it satisfies the Core's start-up validation of the
    // AzureAd section, and is never used, because the Bearer scheme then forwards every request to the development scheme.
    private static readonly Dictionary<string, string?> UnusedAzureAd = new()
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000000",
        ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000000",
    };

    /// <summary>In development-token-only mode, the AzureAd settings that keep the (inert) Entra ID scheme composable.</summary>
    public static void AddUnusedAzureAd(this IConfigurationBuilder configuration) => configuration.AddInMemoryCollection(UnusedAzureAd);

    /// <summary>
    /// The development scheme, configured from <see cref="DevelopmentTokenOptions.Section"/> by JwtBearer itself. With
    /// <paramref name="only"/>, the Bearer scheme forwards everything to it and has static, empty OpenID Connect
    /// metadata, so nothing (not the Core's warm-up either) fetches Entra ID's.
    /// </summary>
    public static IServiceCollection AddDevelopmentTokens(this IServiceCollection services, bool only)
    {
        services.AddAuthentication().AddJwtBearer(DevelopmentTokenOptions.Scheme);
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            if (only)
            {
                options.ForwardDefault = DevelopmentTokenOptions.Scheme;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration());
            }
            else
            {
                options.ForwardDefaultSelector = SelectScheme;
            }
        });
        return services;
    }

    /// <summary>The development scheme for a token whose issuer claims to be user-jwts; null keeps the default scheme.</summary>
    private static string? SelectScheme(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Reading the issuer is not trusting it: the development scheme still checks the signature.
        string token = authorization["Bearer ".Length..].Trim();
        return Reader.CanReadToken(token) && Reader.ReadJsonWebToken(token).Issuer == DevelopmentTokenOptions.Issuer
            ? DevelopmentTokenOptions.Scheme
            : null;
    }
}
