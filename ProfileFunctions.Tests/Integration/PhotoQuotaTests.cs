using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// The photo quota (<c>ProfileApi__MaxPhotosPerUser</c>): 403 <c>QuotaLimitReached</c> beyond it, enforced by storage
/// (a count in the user's partition, changed in the same entity-group transaction as the photo), given back by DELETE and erasure.
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class PhotoQuotaTests(ApiFixture api)
{
    private const int Limit = 5;

    private static readonly Dictionary<string, string?> Quota = new() { ["ProfileApi:MaxPhotosPerUser"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string user, string token, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Photos(user)) { Content = new StringContent("""{"caption":"q"}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Repeatability-Request-ID", key);
            request.Headers.TryAddWithoutValidation("Repeatability-First-Sent", DateTimeOffset.UtcNow.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    [Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
    public async Task TheHostUnderTestRefusesACreateBeyondTheQuotaAndADeleteGivesRoomBack()
    {
        // A host of its own (the shared one keeps the default): under func on the Functions lane.
        await using var host = await HostUnderTest.StartAsync(api, Quota);
        var http = host.Client;
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var created = new List<HttpResponseMessage>();
        for (int i = 0; i < Limit; i++)
        {
            created.Add(await CreateAsync(http, user, token));
        }

        Assert.All(created, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        var refused = await GraphError.AssertAsync(await CreateAsync(http, user, token), HttpStatusCode.Forbidden, "QuotaLimitReached");
        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(Limit, (await api.PhotosAsync(user)).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(http, created[0].Headers.Location!.AbsolutePath, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(http, user, token)).StatusCode);
    }

    [Fact]
    public async Task TwentyParallelCreatesOnTwoInstancesStoreExactlyTheLimit()
    {
        await using var first = api.StartOwnApi(Quota);
        await using var second = api.StartOwnApi(Quota);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => CreateAsync(i % 2 == 0 ? first.Client : second.Client, user, token))));

        Assert.Equal(Limit, answers.Count(answer => answer.StatusCode == HttpStatusCode.Created));
        var refused = answers.Where(answer => answer.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(20 - Limit, refused.Count);
        foreach (var answer in refused)
        {
            var error = await GraphError.AssertAsync(answer, HttpStatusCode.Forbidden, "QuotaLimitReached");
            Assert.Contains("5", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(Limit, (await api.PhotosAsync(user)).Count);

        // The count is not a row of the list.
        var list = await first.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Paths.Photos(user)) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } }, TestContext.Current.CancellationToken);
        using var page = JsonDocument.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Limit, page.RootElement.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task DeletingAPhotoOrErasingTheUserGivesRoomBack()
    {
        await using var own = api.StartOwnApi(Quota);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var ids = new List<string>();
        for (int i = 0; i < Limit; i++)
        {
            var created = await CreateAsync(own.Client, user, token);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            ids.Add(json.RootElement.GetProperty("id").GetString()!);
        }

        await GraphError.AssertAsync(await CreateAsync(own.Client, user, token), HttpStatusCode.Forbidden, "QuotaLimitReached");
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(own.Client, $"{Paths.Photos(user)}/{ids[0]}", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(own.Client, user, token)).StatusCode);
        await GraphError.AssertAsync(await CreateAsync(own.Client, user, token), HttpStatusCode.Forbidden, "QuotaLimitReached");

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(own.Client, $"/user/{user}", token)).StatusCode);
        for (int i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(own.Client, user, token)).StatusCode);
        }

        Assert.Equal(Limit, (await api.PhotosAsync(user)).Count);
    }

    [Fact]
    public async Task ARepeatOfAnAcceptedKeyedCreateStillAnswers201AtTheLimit()
    {
        await using var own = api.StartOwnApi(Quota);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string key = Guid.NewGuid().ToString();
        var first = await CreateAsync(own.Client, user, token, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        for (int i = 1; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(own.Client, user, token)).StatusCode);
        }

        var repeat = await CreateAsync(own.Client, user, token, key);

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        await GraphError.AssertAsync(await CreateAsync(own.Client, user, token, Guid.NewGuid().ToString()), HttpStatusCode.Forbidden, "QuotaLimitReached");
        Assert.Equal(Limit, (await api.PhotosAsync(user)).Count);
    }
}
