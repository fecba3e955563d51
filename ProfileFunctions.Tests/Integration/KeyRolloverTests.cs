using System.Diagnostics;
using System.Net;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>Each test has an issuer and an API of its own, so that metadata refreshes are counted from zero.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class KeyRolloverTests(ApiFixture api)
{
    [Fact]
    public async Task AKeyTheAuthorityHasJustPublishedIsAcceptedWithin30SecondsOfItsFirstUse()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["AzureAd:Instance"] = issuer.Instance });
        using var client = factory.CreateClient();
        string user = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await ApiFixture.PostAsync(client, Paths.Photos(user), issuer.Mint(TokenRequest.Delegated(user)), "{}")).StatusCode);

        // A refresh of its own just now, so the new key meets the rate limit at its worst.
        await ApiFixture.PostAsync(client, Paths.Photos(user), issuer.Mint(TokenRequest.Delegated(user) with { SigningCredentials = new SigningCredentials(TestIssuer.NewKey(), SecurityAlgorithms.RsaSha256) }), "{}");
        issuer.PublishNewKey();
        string token = issuer.Mint(TokenRequest.Delegated(user));
        var firstUse = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await ApiFixture.PostAsync(client, Paths.Photos(user), token, "{}")).StatusCode;
            if (status != HttpStatusCode.Created)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, status);
                await Task.Delay(500);
            }
        }
        while (status != HttpStatusCode.Created && firstUse.Elapsed < TimeSpan.FromSeconds(40));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(firstUse.Elapsed <= TimeSpan.FromSeconds(31), $"The new key was accepted after {firstUse.Elapsed}.");
    }

    [Fact]
    public async Task UnknownKeysRefreshTheMetadataAtMostOnceEvery30Seconds()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var factory = api.CreateFactory(new Dictionary<string, string?> { ["AzureAd:Instance"] = issuer.Instance });
        using var client = factory.CreateClient();
        string user = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await ApiFixture.PostAsync(client, Paths.Photos(user), issuer.Mint(TokenRequest.Delegated(user)), "{}")).StatusCode);
        int fetchesBefore = issuer.KeySetRequests;

        for (int i = 0; i < 20; i++)
        {
            var forged = TokenRequest.Delegated(user) with { SigningCredentials = new SigningCredentials(TestIssuer.NewKey(), SecurityAlgorithms.RsaSha256) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiFixture.PostAsync(client, Paths.Photos(user), issuer.Mint(forged), "{}")).StatusCode);
        }

        await Task.Delay(500);
        Assert.InRange(issuer.KeySetRequests - fetchesBefore, 0, 1);
    }
}
