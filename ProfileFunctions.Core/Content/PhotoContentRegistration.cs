using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Registers the start-up removal of upload files a killed process left (<see cref="UploadSpoolCleanup"/>), the process's one <see cref="DecodeBudget"/>, <see cref="ImageInspector"/> and <see cref="PhotoContentStore"/>, over the <see cref="BlobServiceClient"/>
/// that <see cref="Storage.ProfileStorage.AddProfileStorage"/> makes from the same <c>ProfileStorage</c> settings as the tables.
/// </summary>
internal static class PhotoContentRegistration
{
    /// <param name="services">The host's services.</param>
    /// <param name="decodeBudgetMegapixels">The decode budget's size, from its validated setting.</param>
    public static IServiceCollection AddPhotoContent(this IServiceCollection services, Func<IServiceProvider, int> decodeBudgetMegapixels)
    {
        services.AddSingleton(provider => new DecodeBudget(decodeBudgetMegapixels(provider), DecodeBudget.DefaultMaxWait));
        services.AddSingleton(provider => new ImageInspector(provider.GetRequiredService<DecodeBudget>()));
        services.AddSingleton(provider => new PhotoSizeMaker(provider.GetRequiredService<DecodeBudget>()));
        services.AddSingleton<PhotoContentCleanup>();
        services.AddHostedService<UploadSpoolCleanup>();
        services.AddSingleton(provider => new PhotoContentStore(
            provider.GetRequiredService<BlobServiceClient>(),
            provider.GetRequiredService<ImageInspector>(),
            provider.GetRequiredService<ILogger<PhotoContentStore>>()));
        return services;
    }
}
