using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class ConfiguredAudienceTests(ApiFixture api)
{
    [Theory]
    [InlineData("https://profiles.contoso.com", HttpStatusCode.Created)]
    [InlineData(TestIssuer.ClientId, HttpStatusCode.Created)]
    [InlineData("api://" + TestIssuer.ClientId, HttpStatusCode.Created)]
    [InlineData("https://other.contoso.com", HttpStatusCode.Unauthorized)]
    public async Task AConfiguredAudienceIsAcceptedBesideTheClientId(string audience, HttpStatusCode expected)
    {
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["AzureAd:Audience"] = "https://profiles.contoso.com" });
        string user = Paths.NewUser();

        var response = await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user) with { Audience = audience }), "{}");

        Assert.Equal(expected, response.StatusCode);
    }
}
