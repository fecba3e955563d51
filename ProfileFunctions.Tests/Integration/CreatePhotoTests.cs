using System.Net;
using System.Text;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class CreatePhotoTests(ApiFixture api)
{
    [Fact]
    public async Task CreatingAPhotoReturns201WithItsOwnLocation()
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), """{"height":480,"width":640,"caption":"at the lake"}""");

        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var json = JsonDocument.Parse(text);
        string id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(Paths.Absolute(api.Client, $"/user/{user}/photos/{id}"), response.Headers.Location?.OriginalString);
        Assert.Equal(
            $$"""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto","id":"{{id}}","height":480,"width":640,"caption":"at the lake"}""",
            text);
        var stored = await api.PhotoAsync(user, id);
        Assert.NotNull(stored);
        Assert.Equal(stored.ETag.ToString(), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task APhotoIsStoredAsTheContractsTableLaysItOut()
    {
        string user = Paths.NewUser();
        string id = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";

        var response = await api.PostAsync(Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), $$"""{"id":"{{id}}","width":1,"height":10000,"tags":["a"]}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await api.PhotoAsync(user, id);
        Assert.NotNull(stored);
        Assert.Equal(id, Assert.IsType<string>(stored["Id"]));
        Assert.Equal(10000, Assert.IsType<int>(stored["Height"]));
        Assert.Equal(1, Assert.IsType<int>(stored["Width"]));
        Assert.Equal("""{"tags":["a"]}""", Encoding.UTF8.GetString(Assert.IsType<byte[]>(stored["Body"])));
        Assert.IsType<DateTimeOffset>(stored["CreatedDateTime"]);
    }

    [Fact]
    public async Task DimensionsThatWereNotSentAreNotStored()
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), """{"width":20}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = Assert.Single(await api.PhotosAsync(user));
        Assert.False(stored.ContainsKey("Height"));
        Assert.Equal(20, stored["Width"]);
    }

    [Fact]
    public async Task AUserHasManyPhotos()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Photos(user), token, "{}")).StatusCode);
        }

        Assert.Equal(3, (await api.PhotosAsync(user)).Count);
    }

    [Fact]
    public async Task RetryingAPhotoWithTheSameIdGetsAConflictNeverASecondPhoto()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string body = """{"id":"5f4e3d2c-1b0a-4987-a6b5-c4d3e2f1a0b9"}""";

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Photos(user), token, body)).StatusCode);
        var retry = await api.PostAsync(Paths.Photos(user), token, body);

        await GraphError.AssertAsync(retry, HttpStatusCode.Conflict, "Conflict");
        Assert.Single(await api.PhotosAsync(user));
    }

    [Theory]
    [InlineData("""{"height":0}""")]
    [InlineData("""{"width":10001}""")]
    [InlineData("""{"height":"480"}""")]
    [InlineData("""{"width":640.0}""")]
    [InlineData("""{"height":null}""")]
    [InlineData("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile"}""")]
    public async Task AnInvalidPhotoIsRejectedAndNothingIsStored(string body)
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), body);

        await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Empty(await api.PhotosAsync(user));
    }
}
