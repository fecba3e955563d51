using System.Net;
using System.Text.Json.Nodes;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class RepeatabilityDocumentTests(ApiFixture api)
{
    [Theory]
    [InlineData("/user/{userId}/profile")]
    [InlineData("/user/{userId}/photos")]
    public async Task TheCreatesDescribeTheRepeatabilityHeaders(string path)
    {
        var response = await api.Client.GetAsync("/openapi.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["paths"]![path]!["post"]!;

        var headers = post["parameters"]!.AsArray().Where(parameter => (string?)parameter!["in"] == "header").Select(parameter => (string?)parameter!["name"]);
        Assert.Contains("Repeatability-Request-ID", headers);
        Assert.Contains("Repeatability-First-Sent", headers);
        Assert.NotNull(post["responses"]!["201"]!["headers"]!["Repeatability-Result"]);
    }

    [Fact]
    public async Task OtherOperationsDoNot()
    {
        var response = await api.Client.GetAsync("/openapi.json", TestContext.Current.CancellationToken);
        var get = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["paths"]!["/user/{userId}/profile"]!["get"]!;

        Assert.DoesNotContain("Repeatability", get.ToJsonString(), StringComparison.Ordinal);
    }
}
