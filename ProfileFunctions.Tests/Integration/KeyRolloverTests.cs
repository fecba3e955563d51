using System.Diagnostics;
using System.Net;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>Each test has an issuer and an API of its own, so that metadata refreshes are counted from zero.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class KeyRolloverTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task AKeyTheAuthorityHasJustPublishedIsAcceptedWithin30SecondsOfItsFirstUse()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["AzureAd:Instance"] = issuer.Instance });
        string user = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Photos(user), issuer.Mint(TokenRequest.Delegated(user)), "{}")).StatusCode);

        // An unknown key makes the API refresh the metadata now; once that refresh is done, a key published after it
        // meets the rate limit at its worst: the next refresh is allowed only 30 seconds later.
        int fetches = issuer.KeySetRequests;
        await own.PostAsync(Paths.Photos(user), issuer.Mint(TokenRequest.Delegated(user) with { SigningCredentials = new SigningCredentials(TestIssuer.NewKey(), SecurityAlgorithms.RsaSha256) }), "{}");
        while (issuer.KeySetRequests == fetches)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(200, TestContext.Current.CancellationToken);
        issuer.PublishNewKey();
        string token = issuer.Mint(TokenRequest.Delegated(user));

        // Timed on another user's photos: 401 while the key is unknown, 403 once it is accepted. Authentication and the
        // ownership rule answer before any storage call, so the time is the key's alone: timed on a create, it also held
        // a write to the test run's Azurite, which other test classes load at the same time (up to 0.9 s seen).
        string someoneElse = Paths.NewUser();
        var firstUse = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await own.PostAsync(Paths.Photos(someoneElse), token, "{}")).StatusCode;
            if (status != HttpStatusCode.Forbidden)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, status);
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        while (status != HttpStatusCode.Forbidden && firstUse.Elapsed < TimeSpan.FromSeconds(40));

        var accepted = firstUse.Elapsed;
        output.WriteLine($"The new key was accepted {accepted.TotalSeconds:F1} s after its first use.");

        // 30 seconds of rate limit, then the refresh that the next request with the key sets off.
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(accepted <= TimeSpan.FromSeconds(31), $"The new key was accepted after {accepted}.");
        Assert.True(accepted >= TimeSpan.FromSeconds(25), $"The key was accepted after {accepted}: the test did not meet the rate limit it means to.");

        // Accepted for all it grants: its own user's create succeeds.
        var create = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Photos(user), token, "{}")).StatusCode);
        output.WriteLine($"A create with the new key then took {create.Elapsed.TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task UnknownKeysRefreshTheMetadataAtMostOnceEvery30Seconds()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["AzureAd:Instance"] = issuer.Instance });
        string user = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Photos(user), issuer.Mint(TokenRequest.Delegated(user)), "{}")).StatusCode);
        int fetchesBefore = issuer.KeySetRequests;

        for (int i = 0; i < 20; i++)
        {
            var forged = TokenRequest.Delegated(user) with { SigningCredentials = new SigningCredentials(TestIssuer.NewKey(), SecurityAlgorithms.RsaSha256) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await own.PostAsync(Paths.Photos(user), issuer.Mint(forged), "{}")).StatusCode);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.InRange(issuer.KeySetRequests - fetchesBefore, 0, 1);
    }
}
