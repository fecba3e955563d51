using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Tests.Infrastructure;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.Tests.Content;

/// <summary>One store for the content tests over the test run's Azurite (its blob service); tests isolate themselves by user id.</summary>
public sealed class ContentStorage(SharedAzurite storage) : IAsyncLifetime
{
    private readonly DecodeBudget _budget = new(CountSetting.DecodeBudgetMegapixels.Default, DecodeBudget.DefaultMaxWait);

    public Azurite Azurite => storage.Azurite;

    internal PhotoContentStore Store { get; private set; } = null!;

    public BlobContainerClient Container => Azurite.BlobClient.GetBlobContainerClient(PhotoContentStore.ContainerName);

    public async ValueTask InitializeAsync()
    {
        Store = StoreOver(new BlobServiceClient(Azurite.ConnectionString));

        // The store makes the container on its first use: a test that lists blobs before any upload must not depend on
        // another test having made it.
        await Container.CreateIfNotExistsAsync();
    }

    // Only the budget is this fixture's: the Azurite is the test run's.
    public ValueTask DisposeAsync()
    {
        _budget.Dispose();
        return ValueTask.CompletedTask;
    }

    internal PhotoContentStore StoreOver(BlobServiceClient service, TimeSpan? leftoverAge = null) =>
        new(service, new ImageInspector(_budget), NullLogger<PhotoContentStore>.Instance, leftoverAge: leftoverAge);
}
