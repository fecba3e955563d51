using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class StorageFailureTests(ApiFixture api)
{
    private static string StorageAt(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    private async Task AssertServiceUnavailableWithin10SecondsAsync(string connectionString)
    {
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["ProfileStorage"] = connectionString });
        string user = Paths.NewUser();
        var stopwatch = Stopwatch.StartNew();

        var response = await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}");

        stopwatch.Stop();
        await GraphError.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.InRange(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 1, 60);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"The 503 took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task StorageThatRefusesConnectionsGivesServiceUnavailableWithRetryAfter() =>
        await AssertServiceUnavailableWithin10SecondsAsync(StorageAt(FreePort.Next()));

    [Fact]
    public async Task StorageThatNeverAnswersGivesServiceUnavailableWithin10Seconds()
    {
        using var silent = new SilentServer();
        await AssertServiceUnavailableWithin10SecondsAsync(StorageAt(silent.Port));
    }

    [Fact]
    public async Task StorageRefusingTheCredentialsGivesAnInternalServerErrorWithoutDetail()
    {
        string wrongKey = api.Azurite.ConnectionString.Replace("Eby8vdM02", "Xby8vdM02", StringComparison.Ordinal);
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["ProfileStorage"] = wrongKey });
        string user = Paths.NewUser();

        var response = await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}");

        var error = await GraphError.AssertAsync(response, HttpStatusCode.InternalServerError, "InternalServerError");
        string text = error.ToString();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AuthorizationFailure", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableDeletedUnderARunningProcessIsCreatedAgain()
    {
        // Its own Azurite: the table's name is the app's own, so deleting it in the test run's Azurite would take every
        // other test's photos with it.
        await using var azurite = await Azurite.StartAsync();
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["ProfileStorage"] = azurite.ConnectionString });
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Photos(user), token, "{}")).StatusCode);

        await azurite.Client.DeleteTableAsync("ProfilePhotos", TestContext.Current.CancellationToken);
        var whileMissing = await own.PostAsync(Paths.Photos(user), token, "{}");
        var afterwards = await own.PostAsync(Paths.Photos(user), token, "{}");

        await GraphError.AssertAsync(whileMissing, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
        int count = 0;
        await foreach (var _ in azurite.Client.GetTableClient("ProfilePhotos").QueryAsync<TableEntity>(Stored.PhotosOf(user), cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }

        Assert.Equal(1, count);
    }
}
