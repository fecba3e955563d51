using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.PhotoContent;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Telemetry;
using ProfileFunctions.Core.Users;

namespace ProfileFunctions.Core.Hosting;

/// <summary>The one registration every host makes.</summary>
public static class ProfileApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API: bearer authentication (the <c>AzureAd</c> section) and authorization, Table Storage
    /// (<c>ProfileStorage</c>), telemetry (<see cref="ProfileTelemetry"/>), one handler per operation
    /// (<see cref="CreateProfile"/>, <see cref="ReadProfile"/>, <see cref="CreatePhoto"/>, <see cref="ListPhotos"/>,
    /// <see cref="ReadPhoto"/>, <see cref="UpdateProfile"/>, <see cref="UpdatePhoto"/>, <see cref="DeleteProfile"/>,
    /// <see cref="DeletePhoto"/>, <see cref="EraseUser"/>, <see cref="WritePhotoContent"/>, <see cref="ReadPhotoContent"/>, <see cref="ReadPhotoSize"/>),
    /// photo content in Blob Storage (the same <c>ProfileStorage</c> settings), each caller's rate limit, the
    /// decode budget and the photo quota (<see cref="CountSetting"/>). The sections and settings are validated when the host
    /// starts, not at the first request.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="telemetryHost">What the host adds to the API's telemetry; a plain ASP.NET Core host when null.</param>
    public static IServiceCollection AddProfileApi(this IServiceCollection services, IConfiguration configuration, TelemetryHost? telemetryHost = null)
    {
        services.AddProfileAuthentication(configuration);
        services.AddProfileAuthorization();
        services.AddCountSetting(configuration, CountSetting.PermitsPerMinute);
        services.AddSingleton(p => new CallerRateLimit(p.GetCount(CountSetting.PermitsPerMinute)));
        services.AddProfileStorage(configuration);
        services.AddCountSetting(configuration, CountSetting.DecodeBudgetMegapixels);
        services.AddPhotoContent(p => p.GetCount(CountSetting.DecodeBudgetMegapixels));
        services.AddCountSetting(configuration, CountSetting.MaxPhotosPerUser);
        services.AddProfileTelemetry(configuration, telemetryHost ?? TelemetryHost.AspNetCore);
        PublicLinks.AddPublicLinks(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<WarmUp>();

        services.AddSingleton<CallerAccess>();

        // One handler per operation, as the route table lists them. Factories, because a handler is public (hosts name
        // it) while what it takes is the Core's own.
        services.AddSingleton(p => new CreateProfile(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PublicLinks>(), p.Get<TimeProvider>(), p.Get<ILogger<CreateProfile>>()));
        services.AddSingleton(p => new ReadProfile(p.Get<CallerAccess>(), p.Get<TableStore>()));
        services.AddSingleton(p => new UpdateProfile(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<TimeProvider>(), p.Get<ILogger<UpdateProfile>>()));
        services.AddSingleton(p => new DeleteProfile(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<ILogger<DeleteProfile>>()));
        services.AddSingleton(p => new CreatePhoto(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PublicLinks>(), p.Get<TimeProvider>(), p.Get<ILogger<CreatePhoto>>(), p.GetCount(CountSetting.MaxPhotosPerUser)));
        services.AddSingleton(p => new ListPhotos(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PublicLinks>()));
        services.AddSingleton(p => new ReadPhoto(p.Get<CallerAccess>(), p.Get<TableStore>()));
        services.AddSingleton(p => new UpdatePhoto(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<TimeProvider>(), p.Get<ILogger<UpdatePhoto>>()));
        services.AddSingleton(p => new DeletePhoto(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PhotoContentCleanup>(), p.Get<ILogger<DeletePhoto>>()));
        services.AddSingleton(p => new ReadPhotoContent(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PhotoContentStore>(), p.Get<ILogger<ReadPhotoContent>>()));
        services.AddSingleton(p => new ReadPhotoSize(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PhotoContentStore>(), p.Get<PhotoSizeMaker>(), p.Get<ILogger<ReadPhotoSize>>()));
        services.AddSingleton(p => new WritePhotoContent(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PhotoContentStore>(), p.Get<PhotoContentCleanup>(), p.Get<ILogger<WritePhotoContent>>()));
        services.AddSingleton(p => new EraseUser(p.Get<CallerAccess>(), p.Get<TableStore>(), p.Get<PhotoContentCleanup>(), p.Get<ILogger<EraseUser>>()));
        return services;
    }

    private static T Get<T>(this IServiceProvider provider)
        where T : notnull => provider.GetRequiredService<T>();
}
