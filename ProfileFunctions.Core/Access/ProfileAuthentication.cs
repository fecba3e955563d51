using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Access;

/// <summary>Bearer-token authentication with Microsoft.Identity.Web, shaped to the contract.</summary>
internal static class ProfileAuthentication
{
    /// <summary>The scheme every host authenticates with.</summary>
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    internal const string DataProtectionWarmUp = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    // A key the authority has just published is found on the next metadata refresh; JwtBearer asks for one on
    // an unknown kid, at most once per this interval.
    private static readonly TimeSpan MetadataRefreshInterval = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddProfileAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AzureAdSettings.SectionName);
        services.AddOptions<AzureAdSettings>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureAdSettings>, AzureAdSettingsValidator>();

        services.AddAuthentication(Scheme).AddMicrosoftIdentityWebApi(section, Scheme);

        // AddAuthentication also adds Data Protection, whose hosted service loads (or creates and writes) a key ring at
        // start-up. Bearer tokens never use it; no supported switch turns it off (dotnet/aspnetcore#33779).
        if (services.FirstOrDefault(service => service.ServiceType == typeof(IHostedService)
            && service.ImplementationType?.FullName == DataProtectionWarmUp) is { } keyRingWarmUp)
        {
            services.Remove(keyRingWarmUp);
        }

        // Microsoft.Identity.Web routes IdentityModel's logs to ILogger, and IdentityModel logs each step of every successful
        // validation at Information and every rejected token at Error, in up to ten lines: a client's bad token is no server
        // error. TokenRejectionLog says why a token was rejected, in one Information line; a failure that is not the token's
        // reaches the edge as an exception. A more specific category in configuration (e.g.
        // Microsoft.IdentityModel.LoggingExtensions.IdentityLoggerAdapter) overrides this.
        services.AddLogging(logging => logging.AddFilter("Microsoft.IdentityModel", LogLevel.Critical));
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, TokenRejectionLog>();

        // The claims rule, not authentication, answers a valid token that has neither scp nor roles: 403, not 401.
        services.Configure<MicrosoftIdentityOptions>(Scheme, options => options.AllowWebApiToBeAuthorizedByACL = true);

        // Registered after Microsoft.Identity.Web's own configuration, so these values win.
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<AzureAdSettings>>((options, settings) =>
        {
            var azureAd = settings.Value;
            options.RefreshInterval = MetadataRefreshInterval;
            options.MapInboundClaims = true;

            // The same audiences for v1.0 and v2.0 tokens (Microsoft.Identity.Web's own rule differs by version).
            options.TokenValidationParameters.AudienceValidator = null;
            options.TokenValidationParameters.ValidAudiences = azureAd.ValidAudiences;

            if (azureAd.IsLocalIssuer)
            {
                // Microsoft.Identity.Web's issuer validator fetches metadata over https only; it checks this first.
                options.RequireHttpsMetadata = false;
                // v1.0 and v2.0 tokens alike, as Entra ID issues both (real Entra keeps Identity.Web's own issuer validation).
                options.TokenValidationParameters.ValidIssuers = [azureAd.Issuer, azureAd.V1Issuer];
            }
        });

        return services;
    }

    /// <summary>The 401 for a failed or missing authentication, with the reason a client can act on.</summary>
    public static ApiError Challenge(AuthenticateResult result)
    {
        if (result.None)
        {
            return ApiError.Unauthorized(
                "Authentication is required: send an access token in the Authorization header as 'Bearer <token>'.",
                "Bearer");
        }

        string message = result.Failure switch
        {
            SecurityTokenExpiredException => "The access token has expired: acquire a new one.",
            SecurityTokenNotYetValidException => "The access token is not valid yet: check the clock of the machine that requested it.",
            _ => "The access token is not valid for this API.",
        };
        return ApiError.Unauthorized(message, "Bearer error=\"invalid_token\"");
    }
}
