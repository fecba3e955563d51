using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Registers the process's one <see cref="ImageInspector"/> and <see cref="PhotoContentStore"/>, over the
/// <see cref="BlobServiceClient"/> that <see cref="Storage.ProfileStorage.AddProfileStorage"/> makes from the same
/// <c>ProfileStorage</c> settings as the tables.
/// </summary>
internal static class PhotoContentRegistration
{
    public static IServiceCollection AddPhotoContent(this IServiceCollection services)
    {
        services.AddSingleton<ImageInspector>();
        services.AddSingleton(provider => new PhotoContentStore(
            provider.GetRequiredService<BlobServiceClient>(),
            provider.GetRequiredService<ImageInspector>(),
            provider.GetRequiredService<ILogger<PhotoContentStore>>()));
        return services;
    }
}
