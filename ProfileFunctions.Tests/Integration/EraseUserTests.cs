using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>DELETE /user/{userId} over HTTP, checked directly in Azurite.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class EraseUserTests(ApiFixture api, ITestOutputHelper output)
{
    private readonly string _admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

    private async Task<int> CountAsync(string table, string partitionKey)
    {
        int count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var _ in api.Azurite.Client.GetTableClient(table).QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Rows shaped as the API writes them, 100 to a transaction: quicker than thousands of creates.</summary>
    private async Task SeedPhotosAsync(string userId, int photos)
    {
        var table = api.Azurite.Client.GetTableClient("ProfilePhotos");
        var now = DateTimeOffset.UtcNow;
        foreach (var batch in Enumerable.Range(0, photos).Select(_ => Guid.NewGuid().ToString("D")).Chunk(100))
        {
            await table.SubmitTransactionAsync(
                batch.Select(id => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(userId, id)
                {
                    ["Id"] = id,
                    ["Body"] = """{"caption":"seeded"}"""u8.ToArray(),
                    ["CreatedBy"] = userId,
                    ["CreatedDateTime"] = now,
                    ["LastModifiedDateTime"] = now,
                })),
                TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Erases over HTTP, calling again after a 503 as a client would; returns the time taken and the calls made.</summary>
    private async Task<(TimeSpan Elapsed, int Calls)> EraseAsync(string userId, string token)
    {
        var stopwatch = Stopwatch.StartNew();
        for (int calls = 1; calls <= 10; calls++)
        {
            var response = await api.Client.DeleteAsync($"/user/{userId}", token);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return (stopwatch.Elapsed, calls);
            }

            await GraphError.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        }

        Assert.Fail("Ten erasure calls did not finish.");
        return default;
    }

    [Fact]
    public async Task AUserWith250PhotosIsErasedEntirelyAndNoOneElseIsTouched()
    {
        string user = Paths.NewUser();
        string neighbour = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        await api.CreateAsync(Paths.Profile(user), token, """{"a":1}""");
        await api.CreateAsync(Paths.Profile(neighbour), _admin, """{"a":1}""");
        await api.CreateAsync(Paths.Photos(neighbour), _admin, "{}");
        foreach (var batch in Enumerable.Range(0, 250).Chunk(25))
        {
            await Task.WhenAll(batch.Select(i => api.CreateAsync(Paths.Photos(user), token, $$"""{"n":{{i}}}""")));
        }

        // A listing past one page makes the paging key, the one row of the reserved partition.
        var list = await api.Client.GetAsync(Paths.Photos(user), token);
        Assert.Contains("@odata.nextLink", await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(250, (await api.PhotosAsync(user)).Count);
        int system = await CountAsync("Profiles", "$system");
        Assert.True(system > 0);
        int neighbourPhotoRows = await CountAsync("ProfilePhotos", neighbour);

        var stopwatch = Stopwatch.StartNew();
        var response = await api.Client.DeleteAsync("/user/me", token);
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Erased a user with 250 photos and a profile over HTTP in {stopwatch.Elapsed.TotalMilliseconds:N0} ms."));
        Assert.Equal(0, await CountAsync("ProfilePhotos", user));
        Assert.Equal(0, await CountAsync("Profiles", user));
        Assert.Single(await api.PhotosAsync(neighbour));
        Assert.Equal(neighbourPhotoRows, await CountAsync("ProfilePhotos", neighbour));
        Assert.Equal(1, await CountAsync("Profiles", neighbour));
        Assert.Equal(system, await CountAsync("Profiles", "$system"));

        // Reads then give 404 and the list is empty; a second erasure is 204 again.
        await GraphError.AssertAsync(await api.Client.GetAsync(Paths.Profile(user), token), HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Equal("""{"value":[]}""", await (await api.Client.GetAsync(Paths.Photos(user), token)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync($"/user/{user}", token)).StatusCode);
    }

    [Fact]
    public async Task AUserWith2500PhotosIsErased()
    {
        string user = Paths.NewUser();
        await api.CreateAsync(Paths.Profile(user), _admin, "{}");
        await SeedPhotosAsync(user, 2_500);
        Assert.Equal(2_500, await CountAsync("ProfilePhotos", user));

        var (elapsed, calls) = await EraseAsync(user, _admin);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Erased a user with 2,500 photos and a profile over HTTP in {elapsed.TotalMilliseconds:N0} ms ({calls} call(s))."));
        Assert.Equal(0, await CountAsync("ProfilePhotos", user));
        Assert.Equal(0, await CountAsync("Profiles", user));
    }

    [Fact]
    public async Task ErasingAUserWithNothingStoredIs204()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/user/me", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync($"/user/{user.ToUpperInvariant()}", token)).StatusCode);
    }

    [Fact]
    public async Task AnotherUserIsForbiddenAndKeepsEverything()
    {
        string owner = Paths.NewUser();
        await api.CreateAsync(Paths.Profile(owner), _admin, "{}");
        string intruder = api.Token(TokenRequest.Delegated(Paths.NewUser()));

        await GraphError.AssertAsync(await api.Client.DeleteAsync($"/user/{owner}", intruder), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        await GraphError.AssertAsync(await api.Client.DeleteAsync($"/user/{Paths.NewUser()}", intruder), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        await GraphError.AssertAsync(await api.Client.DeleteAsync($"/user/{owner}", token: null), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await GraphError.AssertAsync(await api.Client.DeleteAsync("/user/a%2Fb", _admin), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await api.Client.DeleteAsync("/user/%24system", _admin), HttpStatusCode.BadRequest, "BadRequest");

        Assert.Equal(1, await CountAsync("Profiles", owner));
    }
}
