using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>
/// Makes the API's Bearer scheme hand development tokens to a scheme of their own, so that the Core's
/// authentication (and Microsoft.Identity.Web's validation of every other token) stays exactly as in production.
/// </summary>
internal static class DevelopmentTokenAuthentication
{
    private static readonly JsonWebTokenHandler Reader = new();

    public static IServiceCollection AddDevelopmentTokens(this IServiceCollection services, IConfiguration configuration)
    {
        var key = DevelopmentSigningKey.LoadOrCreate(DevelopmentTokenOptions.KeyFile(configuration));
        services.AddAuthentication().AddJwtBearer(DevelopmentTokenOptions.Scheme, options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = DevelopmentTokenOptions.Issuer,
                ValidAudience = DevelopmentTokenOptions.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            };
        });
        services.Configure<JwtBearerOptions>(
            JwtBearerDefaults.AuthenticationScheme,
            options => options.ForwardDefaultSelector = SelectScheme);
        return services;
    }

    /// <summary>The development scheme for a token its issuer claims to be ours; null keeps the default scheme.</summary>
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
