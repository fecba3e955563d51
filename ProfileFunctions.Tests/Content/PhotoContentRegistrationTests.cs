using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Tests.Content;

public sealed class PhotoContentRegistrationTests
{
    [Fact]
    public void OneStoreAndOneBlobClientServeTheWholeProcess()
    {
        using var provider = Provider(new() { ["ProfileStorage"] = "UseDevelopmentStorage=true" });

        Assert.Same(provider.GetRequiredService<PhotoContentStore>(), provider.GetRequiredService<PhotoContentStore>());
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().Uri);
    }

    [Fact]
    public void AManagedIdentityUsesTheBlobServiceUri()
    {
        using var provider = Provider(new() { ["ProfileStorage:blobServiceUri"] = "https://account.blob.core.windows.net", ["ProfileStorage:clientId"] = Guid.NewGuid().ToString() });

        Assert.Equal(new Uri("https://account.blob.core.windows.net"), provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().Uri);
    }

    [Theory]
    [InlineData(null, null, "ProfileStorage__blobServiceUri is missing")]
    [InlineData("not a connection string", null, "not a valid Blob Storage connection string")]
    [InlineData(null, "http://account.blob.core.windows.net", "must be the account's https blob endpoint")]
    public void MissingOrMalformedSettingsFailWithAMessageNamingThem(string? connectionString, string? blobServiceUri, string message)
    {
        using var provider = Provider(new() { ["ProfileStorage"] = connectionString, ["ProfileStorage:blobServiceUri"] = blobServiceUri });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PhotoContentSettings>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPhotoContent(configuration).BuildServiceProvider();
    }
}
