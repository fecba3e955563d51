using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Edge;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Operations;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core;

/// <summary>The one registration every host makes.</summary>
public static class ProfileApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API: bearer authentication (the <c>AzureAd</c> section) and authorization, Table Storage
    /// (<c>ProfileStorage</c>), telemetry (<see cref="ProfileTelemetry"/>), one handler per operation
    /// (<see cref="CreateProfile"/>, <see cref="ReadProfile"/>, <see cref="CreatePhoto"/>, <see cref="ListPhotos"/>,
    /// <see cref="ReadPhoto"/>, <see cref="UpdateProfile"/>, <see cref="UpdatePhoto"/>, <see cref="DeleteProfile"/>,
    /// <see cref="DeletePhoto"/>, <see cref="EraseUser"/>, <see cref="WritePhotoContent"/>, <see cref="ReadPhotoContent"/>),
    /// photo content in Blob Storage (the same <c>ProfileStorage</c> settings). Both sections are validated when the host
    /// starts, not at the first request.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    public static IServiceCollection AddProfileApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProfileAuthentication(configuration);
        services.AddProfileAuthorization();
        services.AddProfileStorage(configuration);
        services.AddPhotoContent(configuration);
        services.AddProfileTelemetry(configuration);
        PublicLinks.AddPublicLinks(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<WarmUp>();

        services.AddSingleton<CallerAccess>();
        services.AddSingleton<ResourceCreator>();
        services.AddSingleton<ResourceReader>();
        services.AddSingleton(provider => new CreateProfile(provider.GetRequiredService<ResourceCreator>()));
        services.AddSingleton(provider => new CreatePhoto(provider.GetRequiredService<ResourceCreator>()));
        services.AddSingleton(provider => new ReadProfile(provider.GetRequiredService<ResourceReader>()));
        services.AddSingleton(provider => new ReadPhoto(provider.GetRequiredService<ResourceReader>()));
        services.AddSingleton<PhotoContentWriter>();
        services.AddSingleton<PhotoContentReader>();
        services.AddSingleton(provider => new WritePhotoContent(provider.GetRequiredService<PhotoContentWriter>()));
        services.AddSingleton(provider => new ReadPhotoContent(provider.GetRequiredService<PhotoContentReader>()));
        services.AddSingleton(provider => new ListPhotos(provider.GetRequiredService<CallerAccess>(), provider.GetRequiredService<ResourceStore>(), provider.GetRequiredService<PublicLinks>()));
        services.AddSingleton<ResourceUpdater>();
        services.AddSingleton<PhotoContentCleanup>();
        services.AddSingleton<ResourceDeleter>();
        services.AddSingleton(provider => new UpdateProfile(provider.GetRequiredService<ResourceUpdater>()));
        services.AddSingleton(provider => new UpdatePhoto(provider.GetRequiredService<ResourceUpdater>()));
        services.AddSingleton(provider => new DeleteProfile(provider.GetRequiredService<ResourceDeleter>()));
        services.AddSingleton(provider => new DeletePhoto(provider.GetRequiredService<ResourceDeleter>()));
        services.AddSingleton(provider => new EraseUser(
            provider.GetRequiredService<CallerAccess>(),
            provider.GetRequiredService<ResourceStore>(),
            provider.GetRequiredService<PhotoContentCleanup>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EraseUser>>()));
        return services;
    }
}
