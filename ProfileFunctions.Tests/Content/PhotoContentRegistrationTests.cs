using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Content;

public sealed class PhotoContentRegistrationTests
{
    [Fact]
    public void OneStoreAndOneBlobClientServeTheWholeProcess()
    {
        using var provider = Provider(new() { ["ProfileStorage"] = "UseDevelopmentStorage=true" });

        Assert.Same(provider.GetRequiredService<PhotoContentStore>(), provider.GetRequiredService<PhotoContentStore>());
        Assert.Same(provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<BlobServiceClient>());
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), provider.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Fact]
    public void AManagedIdentityUsesTheBlobServiceUriBesideTheTableOne()
    {
        using var provider = Provider(new()
        {
            ["ProfileStorage:tableServiceUri"] = "https://account.table.core.windows.net",
            ["ProfileStorage:blobServiceUri"] = "https://account.blob.core.windows.net",
            ["ProfileStorage:clientId"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(new Uri("https://account.blob.core.windows.net"), provider.GetRequiredService<BlobServiceClient>().Uri);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddProfileStorage(configuration).AddPhotoContent(_ => CountSetting.DecodeBudgetMegapixels.Default).BuildServiceProvider();
    }
}
