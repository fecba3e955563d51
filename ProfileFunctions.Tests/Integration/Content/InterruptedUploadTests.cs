using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>
/// A process killed in the middle of a PUT $value, between its blob write and its entity write, as the built local host
/// in a child process: the previous image is still served whole, and a PUT under its ETag succeeds.
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class InterruptedUploadTests(ApiFixture api)
{
    private static readonly string BuiltDll = Path.Combine(AppContext.BaseDirectory, "ProfileFunctions.LocalHost.dll");

    private readonly PhotoContentClient _client = new(api);

    [Fact]
    public async Task AHostKilledBetweenTheBlobAndTheEntityLeavesThePreviousImageServedAndIfMatchOnItWorks()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] previous = TestImages.Png(60, 40);
        string etag = await _client.StoreAsync(user, token, photo, previous, "image/png");
        var blobsBefore = await BlobsOfAsync(user);

        // The child reaches tables through a proxy that will hold its entity write, and blobs directly.
        using var proxy = new SlowStorageProxy(api.Azurite.Port);
        int port = FreePort.Next();
        var settings = api.Settings(new Dictionary<string, string?>
        {
            ["ProfileStorage"] = $"{proxy.ConnectionString}BlobEndpoint=http://127.0.0.1:{api.Azurite.BlobPort}/devstoreaccount1;",
        });
        using (var child = LocalHostProcess.Start(BuiltDll, settings, "--urls", $"http://127.0.0.1:{port}"))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilListeningAsync(http);
            proxy.HoldWrites = true;

            using var request = new HttpRequestMessage(HttpMethod.Put, PhotoContentClient.Value(user, photo)) { Content = new ByteArrayContent(TestImages.Jpeg(80, 60)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var put = http.SendAsync(request, TestContext.Current.CancellationToken);

            // The blob is written (storage has it) and the entity write is on its way: kill the process there.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (proxy.HeldWrites == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.Equal(1, proxy.HeldWrites);
            Assert.NotEqual(blobsBefore, await BlobsOfAsync(user));
            child.Process.Kill(entireProcessTree: true);
            await Assert.ThrowsAnyAsync<Exception>(() => put);
        }

        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(etag, get.Headers.ETag?.ToString());
        Assert.Equal(previous, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        using (var resource = JsonDocument.Parse(await (await _client.GetAsync($"{Paths.Photos(user)}/{photo}", token)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal(etag, resource.RootElement.GetProperty("@odata.mediaEtag").GetString());
        }

        byte[] next = TestImages.Webp(30, 20);
        var replaced = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, next, "image/webp", ifMatch: etag);
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        var after = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(next, await after.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheNextPutOfThePhotoDeletesAnUploadThatWasNeverRecordedOnceItIsOldEnough()
    {
        // A leftover age below zero: every unnamed upload is old enough, as a crashed one is a minute later.
        await using var own = api.StartOwnApi(services: services => services.AddSingleton(provider => new PhotoContentStore(
            provider.GetRequiredService<BlobServiceClient>(),
            provider.GetRequiredService<ImageInspector>(),
            NullLogger<PhotoContentStore>.Instance,
            leftoverAge: TimeSpan.FromSeconds(-5))));
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await own.PostAsync(Paths.Photos(user), token, "{}");
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        string photo = json.RootElement.GetProperty("id").GetString()!;
        string leftover = $"{user}/{photo}/{Guid.NewGuid():N}";
        await api.Azurite.BlobClient.GetBlobContainerClient(PhotoContentStore.ContainerName).GetBlobClient(leftover)
            .UploadAsync(BinaryData.FromBytes(TestImages.Gif()), TestContext.Current.CancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Put, PhotoContentClient.Value(user, photo)) { Content = new ByteArrayContent(TestImages.Png()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await own.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);

        var blobs = await BlobsOfAsync(user);
        Assert.Single(blobs);
        Assert.DoesNotContain(blobs, blob => blob.StartsWith(leftover, StringComparison.Ordinal));
    }

    private static async Task WaitUntilListeningAsync(HttpClient http)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
                return;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    private async Task<List<string>> BlobsOfAsync(string user)
    {
        var names = new List<string>();
        var container = api.Azurite.BlobClient.GetBlobContainerClient(PhotoContentStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{user}/", Traits = BlobTraits.None }, TestContext.Current.CancellationToken))
        {
            names.Add($"{blob.Name} {blob.Properties.ETag}");
        }

        return names;
    }
}
