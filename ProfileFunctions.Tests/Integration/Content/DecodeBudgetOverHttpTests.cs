using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>The contract's decode budget over HTTP: an upload that cannot get its share in time is a 503 with Retry-After.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class DecodeBudgetOverHttpTests(ApiFixture api)
{
    [Fact]
    public async Task AnUploadThatCannotGetItsShareOfTheDecodeBudgetInTimeIs503WithRetryAfterAndStoresNothing()
    {
        using var budget = new DecodeBudget(1, TimeSpan.FromMilliseconds(500));
        await using var own = api.StartOwnApi(services: services => services.AddSingleton(budget));
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string photo = await CreatePhotoAsync(own, user, token);
        var held = await budget.TakeAsync(1, 1, TestContext.Current.CancellationToken);

        var busy = await PutAsync(own, user, token, photo);

        await GraphError.AssertAsync(busy, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.InRange(busy.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Empty(await BlobsOfAsync(user));

        held!.Dispose();
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(own, user, token, photo)).StatusCode);
    }

    private async Task<List<string>> BlobsOfAsync(string user)
    {
        var names = new List<string>();
        var container = api.Azurite.BlobClient.GetBlobContainerClient(PhotoContentStore.ContainerName);

        // The store makes its container on its first upload: before any (this test may run first), it holds no blobs.
        if (!await container.ExistsAsync(TestContext.Current.CancellationToken))
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{user}/" }, TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task<string> CreatePhotoAsync(OwnApi own, string user, string token)
    {
        var created = await own.PostAsync(Paths.Photos(user), token, "{}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> PutAsync(OwnApi own, string user, string token, string photo)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, PhotoContentClient.Value(user, photo)) { Content = new ByteArrayContent(TestImages.Png()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return own.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
