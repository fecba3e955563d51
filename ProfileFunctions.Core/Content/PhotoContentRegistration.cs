using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Registers the start-up removal of upload files a killed process left (<see cref="UploadSpoolCleanup"/>), the process's one <see cref="DecodeBudget"/> (<c>ProfileApi__DecodeBudgetMegapixels</c>, validated at
/// start-up), <see cref="ImageInspector"/> and <see cref="PhotoContentStore"/>, over the <see cref="BlobServiceClient"/>
/// that <see cref="Storage.ProfileStorage.AddProfileStorage"/> makes from the same <c>ProfileStorage</c> settings as the tables.
/// </summary>
internal static class PhotoContentRegistration
{
    public static IServiceCollection AddPhotoContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DecodeBudgetSettings>()
            .Configure(settings => settings.DecodeBudgetMegapixels = configuration[$"{DecodeBudgetSettings.SectionName}:{nameof(DecodeBudgetSettings.DecodeBudgetMegapixels)}"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DecodeBudgetSettings>, DecodeBudgetSettingsValidator>();
        services.AddSingleton(provider => new DecodeBudget(provider.GetRequiredService<IOptions<DecodeBudgetSettings>>().Value.Megapixels, DecodeBudget.DefaultMaxWait));
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
