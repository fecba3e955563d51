using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>A photo's content lives and dies with the photo: DELETE, erasure, and the dimensions PATCH may no longer set.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class PhotoContentLifecycleTests(ApiFixture api)
{
    private readonly PhotoContentClient _client = new(api);

    private Azure.Storage.Blobs.BlobContainerClient Container => api.Azurite.BlobClient.GetBlobContainerClient("profile-photos");

    private async Task<(string User, string Token, string Photo)> PhotoWithContentAsync()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string photo = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, photo, TestImages.Png(30, 20), "image/png");
        return (user, token, photo);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json");
        }

        return api.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> BlobsOfAsync(string user)
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{user}/" }, TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task DeletingAPhotoDeletesItsContentAndAnyUploadThatWasNeverRecorded()
    {
        var (user, token, photo) = await PhotoWithContentAsync();
        Assert.Single(await BlobsOfAsync(user));
        await Container.GetBlobClient($"{user}/{photo}/{Guid.NewGuid():N}").UploadAsync(BinaryData.FromBytes(TestImages.Gif()), TestContext.Current.CancellationToken);

        var deleted = await SendAsync(HttpMethod.Delete, $"{Paths.Photos(user)}/{photo}", token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await BlobsOfAsync(user));
        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value(user, photo), token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task ADeletedPhotosLeftoverContentIsDeletedByTheRetry()
    {
        // A DELETE cut short between the row and its blob: the row is gone, the image is not.
        var (user, token, photo) = await PhotoWithContentAsync();
        await api.Azurite.Client.GetTableClient("ProfilePhotos").DeleteEntityAsync(user, photo, cancellationToken: TestContext.Current.CancellationToken);

        var retry = await SendAsync(HttpMethod.Delete, $"{Paths.Photos(user)}/{photo}", token);

        await GraphError.AssertAsync(retry, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Empty(await BlobsOfAsync(user));
    }

    [Fact]
    public async Task ErasingAUserDeletesEveryPhotosContentAndNoOneElses()
    {
        var (user, token, first) = await PhotoWithContentAsync();
        string second = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, second, TestImages.Jpeg(40, 40), "image/jpeg");
        var (neighbour, _, _) = await PhotoWithContentAsync();

        var erased = await SendAsync(HttpMethod.Delete, $"/user/{user}", token);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Empty(await BlobsOfAsync(user));
        Assert.Single(await BlobsOfAsync(neighbour));
        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value(user, first), token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task APhotoWithContentTakesItsDimensionsFromTheImageNotFromAPatch()
    {
        var (user, token, photo) = await PhotoWithContentAsync();
        string path = $"{Paths.Photos(user)}/{photo}";

        await GraphError.AssertAsync(await SendAsync(HttpMethod.Patch, path, token, """{"height":5}"""), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await SendAsync(HttpMethod.Patch, path, token, """{"width":null}"""), HttpStatusCode.BadRequest, "BadRequest");
        var captioned = await SendAsync(HttpMethod.Patch, path, token, """{"caption":"dusk"}""");

        Assert.Equal(HttpStatusCode.OK, captioned.StatusCode);
        using var body = JsonDocument.Parse(await captioned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(20, body.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(30, body.RootElement.GetProperty("width").GetInt32());
        Assert.Equal("image/png", body.RootElement.GetProperty("@odata.mediaContentType").GetString());
        Assert.Equal("dusk", body.RootElement.GetProperty("caption").GetString());
    }
}
