using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Authentication;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core;

/// <summary>The one registration every host makes.</summary>
public static class ProfileApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API: bearer authentication (the <c>AzureAd</c> section), Table Storage (<c>ProfileStorage</c>),
    /// telemetry (<see cref="ProfileTelemetry"/>), and <see cref="ProfileApi"/>. Both sections are validated when the host starts, not at the first request.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    public static IServiceCollection AddProfileApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProfileAuthentication(configuration);
        services.AddProfileStorage(configuration);
        services.AddProfileTelemetry(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<WarmUp>();
        services.AddSingleton(provider => new ProfileApi(
            provider.GetRequiredService<ResourceStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ProfileApi>>()));
        return services;
    }
}
