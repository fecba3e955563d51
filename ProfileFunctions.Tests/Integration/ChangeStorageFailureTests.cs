using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>PATCH, DELETE and erasure when storage fails: a 503 in time, and nothing half-done that the next call cannot finish.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class ChangeStorageFailureTests(ApiFixture api)
{
    private static string StorageAt(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    [Fact]
    public async Task StorageThatRefusesConnectionsGivesServiceUnavailableWithRetryAfterWithin10Seconds()
    {
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["ProfileStorage"] = StorageAt(FreePort.Next()) });
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        foreach (var send in new Func<Task<HttpResponseMessage>>[]
        {
            () => own.Client.PatchAsync(Paths.Profile(user), token, "{}"),
            () => own.Client.DeleteAsync($"/user/{user}/photos/{Guid.NewGuid()}", token),
            () => own.Client.DeleteAsync($"/user/{user}", token),
        })
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await send();
            stopwatch.Stop();

            await GraphError.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
            Assert.InRange(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 1, 60);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"The 503 took {stopwatch.Elapsed}.");
        }
    }

    [Fact]
    public async Task AnErasureThatFailsPartWayIs503AndTheNextCallFinishesIt()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        await api.CreateAsync(Paths.Profile(user), token, "{}");
        foreach (var batch in Enumerable.Range(0, 250).Chunk(25))
        {
            await Task.WhenAll(batch.Select(_ => api.CreateAsync(Paths.Photos(user), token, "{}")));
        }

        // The same Azurite, through a client whose second transaction fails as an unavailable storage would.
        var options = new TableClientOptions();
        options.AddPolicy(new FailTransactionsAfter(1), HttpPipelinePosition.PerCall);
        await using (var failing = api.StartOwnApi(services: services => services.AddSingleton(new TableServiceClient(api.Azurite.ConnectionString, options))))
        {
            await GraphError.AssertAsync(await failing.Client.DeleteAsync($"/user/{user}", token), HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        }

        Assert.Equal(150, (await api.PhotosAsync(user)).Count);
        Assert.NotNull(await api.ProfileAsync(user));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync($"/user/{user}", token)).StatusCode);

        Assert.Empty(await api.PhotosAsync(user));
        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task APatchOrDeleteThatStorageFailsLeavesTheResourceAsItWas()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await api.CreateAsync(Paths.Photos(user), token, """{"caption":"before"}""");
        var before = await api.Client.ReadAsync(created.Location, token);

        var options = new TableClientOptions();
        options.AddPolicy(new FailWrites(), HttpPipelinePosition.PerCall);
        await using (var failing = api.StartOwnApi(services: services => services.AddSingleton(new TableServiceClient(api.Azurite.ConnectionString, options))))
        {
            await GraphError.AssertAsync(await failing.Client.PatchAsync(created.Location, token, """{"caption":"after"}"""), HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
            await GraphError.AssertAsync(await failing.Client.DeleteAsync(created.Location, token), HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        }

        var after = await api.Client.ReadAsync(created.Location, token);
        Assert.Equal(before.Json, after.Json);
        Assert.Equal(before.ETag, after.ETag);
    }

    /// <summary>Lets the first transactions (entity-group batches) through, then fails each as a 503 would.</summary>
    private sealed class FailTransactionsAfter(int allowed) : HttpPipelineSynchronousPolicy
    {
        private int _seen;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.ToString().Contains("batch", StringComparison.Ordinal) && Interlocked.Increment(ref _seen) > allowed)
            {
                throw new RequestFailedException(503, "Injected: storage became unavailable part-way through the erasure.");
            }
        }
    }

    /// <summary>Lets reads through and fails every write (update, delete) as a 503 would.</summary>
    private sealed class FailWrites : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put || message.Request.Method == RequestMethod.Delete || message.Request.Method == RequestMethod.Patch || message.Request.Method == RequestMethod.Post && message.Request.Uri.ToString().Contains("batch", StringComparison.Ordinal))
            {
                throw new RequestFailedException(503, "Injected: storage refused the write.");
            }
        }
    }
}
