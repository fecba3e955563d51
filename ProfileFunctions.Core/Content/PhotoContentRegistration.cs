using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Content;

/// <summary>Registers the process's one <see cref="BlobServiceClient"/>, <see cref="ImageInspector"/> and <see cref="PhotoContentStore"/>.</summary>
internal static class PhotoContentRegistration
{
    public const string SectionName = "ProfileStorage";

    public static IServiceCollection AddPhotoContent(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        services.AddOptions<PhotoContentSettings>()
            .Configure(settings =>
            {
                // The section's own value is the connection string; its children are the identity-based settings.
                settings.ConnectionString = section.Value;
                settings.BlobServiceUri = section["blobServiceUri"];
                settings.ClientId = section["clientId"];
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PhotoContentSettings>, PhotoContentSettingsValidator>();

        services.AddSingleton(provider => CreateServiceClient(provider.GetRequiredService<IOptions<PhotoContentSettings>>().Value));
        services.AddSingleton<ImageInspector>();
        services.AddSingleton(provider => new PhotoContentStore(
            provider.GetRequiredService<BlobServiceClient>(),
            provider.GetRequiredService<ImageInspector>(),
            provider.GetRequiredService<ILogger<PhotoContentStore>>()));
        return services;
    }

    internal static BlobServiceClient CreateServiceClient(PhotoContentSettings settings)
    {
        var options = new BlobClientOptions();

        // As for tables: a few quick retries. Each attempt may carry 4 MiB, so it gets longer than a table call.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);

        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return new BlobServiceClient(settings.ConnectionString, options);
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = settings.ClientId,
        });
        return new BlobServiceClient(new Uri(settings.BlobServiceUri!), credential, options);
    }
}
