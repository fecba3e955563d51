using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Tests.Content;

/// <summary>One real Azurite (its blob service) and one store for the content tests; tests isolate themselves by user id.</summary>
public sealed class ContentAzurite : IAsyncLifetime, IDisposable
{
    private readonly DecodeBudget _budget = new(DecodeBudgetSettings.DefaultMegapixels, DecodeBudget.DefaultMaxWait);

    public Azurite Azurite { get; private set; } = null!;

    internal PhotoContentStore Store { get; private set; } = null!;

    public BlobContainerClient Container => Azurite.BlobClient.GetBlobContainerClient(PhotoContentStore.ContainerName);

    public async ValueTask InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Store = StoreOver(new BlobServiceClient(Azurite.ConnectionString));

        // The store makes the container on its first use: a test that lists blobs before any upload must not depend on
        // another test having made it.
        await Container.CreateIfNotExistsAsync();
    }

    public async ValueTask DisposeAsync() => await Azurite.DisposeAsync();

    public void Dispose() => _budget.Dispose();

    internal PhotoContentStore StoreOver(BlobServiceClient service, TimeSpan? leftoverAge = null) =>
        new(service, new ImageInspector(_budget), NullLogger<PhotoContentStore>.Instance, leftoverAge: leftoverAge);
}
