using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class HealthTests(ApiFixture api)
{
    [Fact]
    public async Task TheHealthEndpointIsHealthyWhenStorageAnswersAndNeedsNoToken()
    {
        var response = await api.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheHealthEndpointIsUnavailableInTheContractsFormatWhenStorageIsNotAndLeaksNothing()
    {
        int port = FreePort.Next();
        await using var own = api.StartOwnApi(new Dictionary<string, string?>
        {
            ["ProfileStorage"] = api.Azurite.ConnectionString.Replace($":{api.Azurite.Port}/", $":{port}/", StringComparison.Ordinal),
        });

        var response = await own.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        var error = await GraphError.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.True(response.Headers.Contains("Retry-After"));
        string text = error.ToString();
        foreach (string secret in new[] { port.ToString(System.Globalization.CultureInfo.InvariantCulture), "devstoreaccount1", "127.0.0.1", "Exception" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
