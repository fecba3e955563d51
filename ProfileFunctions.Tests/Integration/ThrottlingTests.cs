using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// The contract's throttling over HTTP, on APIs of the tests' own at 60 requests a minute (a permit a second, so
/// <c>Retry-After</c> is 1 s): the shared API's limit is set high so that no other test is throttled.
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class ThrottlingTests(ApiFixture api)
{
    private const int Permits = 60;

    private static readonly Dictionary<string, string?> SixtyAMinute = new() { ["ProfileApi:RateLimit:PermitsPerMinute"] = "60" };

    [Fact]
    public async Task ACallerBeyondItsPermitsGetsTooManyRequestsWithRetryAfterAndIsAdmittedAgainAfterIt()
    {
        await using var own = api.StartOwnApi(SixtyAMinute);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var (admitted, throttled) = await DrainAsync(own.Client, token, Paths.Profile(user));

        await GraphError.AssertAsync(throttled, HttpStatusCode.TooManyRequests, "TooManyRequests");
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);

        // Nothing is done for a throttled request: the create is not made.
        var create = await own.PostAsync(Paths.Profile(user), token, "{}");
        Assert.Equal(HttpStatusCode.TooManyRequests, create.StatusCode);
        Assert.Null(await api.ProfileAsync(user));

        // The limiter refills on a 100 ms timer: Retry-After's second, and that timer's tick.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(own.Client, token, Paths.Profile(user))).StatusCode);
        Assert.True(admitted >= Permits, $"{admitted} admitted");
    }

    [Fact]
    [Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
    public async Task TheHostUnderTestAnswers429BeyondTheLimit()
    {
        // A host of its own (the shared one is set high): under func on the Functions lane.
        await using var host = await HostUnderTest.StartAsync(api, new Dictionary<string, string?> { ["ProfileApi:RateLimit:PermitsPerMinute"] = "3" });
        var http = host.Client;
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, token, Paths.Profile(user))).StatusCode);
        }

        var throttled = await GetAsync(http, token, Paths.Profile(user));
        await GraphError.AssertAsync(throttled, HttpStatusCode.TooManyRequests, "TooManyRequests");
        Assert.InRange(throttled.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task RequestsWithoutAValidTokenAreNeverCounted()
    {
        await using var own = api.StartOwnApi(SixtyAMinute);
        string user = Paths.NewUser();
        string expired = api.Token(TokenRequest.Delegated(user) with { NotBefore = DateTime.UtcNow.AddHours(-2), Expires = DateTime.UtcNow.AddHours(-1) });
        string unsigned = api.Token(TokenRequest.Delegated(user) with { WithoutSignature = true });

        foreach (string? token in new[] { null, "not-a-token", expired, unsigned })
        {
            for (int i = 0; i < Permits; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(own.Client, token, Paths.Profile(user))).StatusCode);
            }
        }

        // The caller still has every permit: the first 60 of its own requests are all admitted.
        var (admitted, throttled) = await DrainAsync(own.Client, api.Token(TokenRequest.Delegated(user)), Paths.Profile(user));
        Assert.True(admitted >= Permits, $"{admitted} admitted");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task EachCallerHasABucketOfItsOwn()
    {
        await using var own = api.StartOwnApi(SixtyAMinute);
        string first = Paths.NewUser();
        string second = Paths.NewUser();
        string application = api.Token(TokenRequest.Application("Profile.ReadWrite.All") with { AppId = Guid.NewGuid().ToString() });

        await DrainAsync(own.Client, api.Token(TokenRequest.Delegated(first)), Paths.Profile(first));

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(own.Client, api.Token(TokenRequest.Delegated(second)), Paths.Profile(second))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(own.Client, application, Paths.Profile(first))).StatusCode);
    }

    [Fact]
    public async Task AnApplicationIsCountedAsOneCallerWhateverUserItActsFor()
    {
        await using var own = api.StartOwnApi(SixtyAMinute);
        string application = api.Token(TokenRequest.Application("Profile.ReadWrite.All") with { AppId = Guid.NewGuid().ToString() });

        await DrainAsync(own.Client, application, Paths.Profile(Paths.NewUser()));

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(own.Client, application, Paths.Profile(Paths.NewUser()))).StatusCode);
    }

    [Fact]
    public async Task ThrottlingComesAfterTheTokenAndBeforeTheUserIdThePhotoIdAndTheForbidden()
    {
        await using var own = api.StartOwnApi(SixtyAMinute);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        await DrainAsync(own.Client, token, Paths.Profile(user));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(own.Client, null, Paths.Profile(user))).StatusCode);
        await GraphError.AssertAsync(await GetAsync(own.Client, token, "/user/not%20a%20user/profile"), HttpStatusCode.TooManyRequests, "TooManyRequests");
        await GraphError.AssertAsync(await GetAsync(own.Client, token, Paths.Profile(Paths.NewUser())), HttpStatusCode.TooManyRequests, "TooManyRequests");
        await GraphError.AssertAsync(await GetAsync(own.Client, token, $"/user/{user}/photos/not-a-guid"), HttpStatusCode.TooManyRequests, "TooManyRequests");
        await GraphError.AssertAsync(await own.PostAsync(Paths.Photos(Paths.NewUser()), token, "{}"), HttpStatusCode.TooManyRequests, "TooManyRequests");
    }

    /// <summary>
    /// Sends requests until one is throttled: how many were admitted (the permits, and any the bucket refilled meanwhile,
    /// one a second) and the 429.
    /// </summary>
    private static async Task<(int Admitted, HttpResponseMessage Throttled)> DrainAsync(HttpClient client, string token, string path)
    {
        var started = Stopwatch.StartNew();
        for (int admitted = 0; admitted < 10 * Permits; admitted++)
        {
            var response = await GetAsync(client, token, path);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(admitted, Permits, Permits + (int)Math.Ceiling(started.Elapsed.TotalSeconds));
                return (admitted, response);
            }

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        throw new InvalidOperationException($"{10 * Permits} requests and none throttled.");
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string? token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
