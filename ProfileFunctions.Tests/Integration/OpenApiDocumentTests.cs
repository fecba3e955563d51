using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class OpenApiDocumentTests(ApiFixture api)
{
    private const string UpdateSetting = "PROFILEFUNCTIONS_UPDATE_OPENAPI";

    private static readonly string Committed = Path.Combine(RepositoryRoot.Path, "openapi.json");

    private async Task<JsonNode> ServedAsync()
    {
        var response = await api.Client.GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task TheCommittedDocumentIsTheOneTheCodeGenerates()
    {
        var served = await ServedAsync();
        string expected = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateSetting) == "1")
        {
            await File.WriteAllTextAsync(Committed, expected, TestContext.Current.CancellationToken);
        }

        Assert.True(
            JsonNode.DeepEquals(served, JsonNode.Parse(await File.ReadAllTextAsync(Committed, TestContext.Current.CancellationToken))),
            $"openapi.json is out of date: run {UpdateSetting}=1 ./test.sh --filter OpenApiDocument, and commit the file.");
    }

    [Fact]
    public async Task TheDocumentIsOpenApi31AndDescribesEveryOperation()
    {
        var document = await ServedAsync();

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(["/user/{userId}", "/user/{userId}/photos", "/user/{userId}/photos/{photoId}", "/user/{userId}/photos/{photoId}/$value", "/user/{userId}/profile"], paths.Select(path => path.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["delete", "get", "patch", "post"], paths["/user/{userId}/profile"]!.AsObject().Select(operation => operation.Key).Where(key => key is not "parameters").Order(StringComparer.Ordinal));
        Assert.Equal(["get", "post"], paths["/user/{userId}/photos"]!.AsObject().Select(operation => operation.Key).Where(key => key is not "parameters").Order(StringComparer.Ordinal));
        Assert.Equal(["delete", "get", "patch"], paths["/user/{userId}/photos/{photoId}"]!.AsObject().Select(operation => operation.Key).Where(key => key is not "parameters").Order(StringComparer.Ordinal));
        Assert.Equal(["delete"], paths["/user/{userId}"]!.AsObject().Select(operation => operation.Key).Where(key => key is not "parameters"));

        var patch = paths["/user/{userId}/photos/{photoId}"]!["patch"]!;
        Assert.NotNull(patch["requestBody"]!["content"]!["application/merge-patch+json"]);
        foreach (string status in new[] { "200", "204", "400", "401", "403", "404", "412", "413", "415", "503" })
        {
            Assert.NotNull(patch["responses"]![status]);
        }

        var create = paths["/user/{userId}/photos"]!["post"]!;
        Assert.NotNull(create["requestBody"]!["content"]!["application/json"]);
        foreach (string status in new[] { "201", "400", "401", "403", "409", "413", "415", "503" })
        {
            Assert.NotNull(create["responses"]![status]);
        }

        Assert.Contains(paths["/user/{userId}/photos"]!["get"]!["parameters"]!.AsArray(), parameter => parameter!["name"]!.GetValue<string>() == "$skiptoken");

        // $value: binary in both directions, in the four image types.
        var content = paths["/user/{userId}/photos/{photoId}/$value"]!;
        JsonNode Resolved(JsonNode schema) =>
            schema["$ref"] is { } reference ? document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]! : schema;
        Assert.Equal(["get", "put"], content.AsObject().Select(operation => operation.Key).Where(key => key is not "parameters").Order(StringComparer.Ordinal));
        foreach (string type in new[] { "image/jpeg", "image/png", "image/gif", "image/webp" })
        {
            Assert.Equal("binary", Resolved(content["put"]!["requestBody"]!["content"]![type]!["schema"]!)["format"]!.GetValue<string>());
            Assert.Equal("binary", Resolved(content["get"]!["responses"]!["200"]!["content"]![type]!["schema"]!)["format"]!.GetValue<string>());
        }

        foreach (string status in new[] { "204", "400", "401", "403", "404", "412", "413", "415", "503" })
        {
            Assert.NotNull(content["put"]!["responses"]![status]);
        }

        Assert.NotNull(content["get"]!["responses"]!["304"]);
    }

    [Fact]
    public async Task TheDocumentNamesTheScopeTheAppRoleAndTheErrorFormat()
    {
        var document = await ServedAsync();

        var scheme = document["components"]!["securitySchemes"]!["entra-id"]!;
        Assert.Equal("oauth2", scheme["type"]!.GetValue<string>());
        Assert.NotNull(scheme["flows"]!["authorizationCode"]!["scopes"]!["Profile.ReadWrite"]);
        Assert.NotNull(scheme["flows"]!["clientCredentials"]!["scopes"]!["Profile.ReadWrite.All"]);
        Assert.Equal(2, document["security"]!.AsArray().Count);

        var error = document["components"]!["schemas"]!["GraphErrorResponse"]!;
        Assert.NotNull(error["properties"]!["error"]);
        string errorSchema = document["components"]!["schemas"]!.ToJsonString();
        Assert.Contains("\"request-id\"", errorSchema, StringComparison.Ordinal);
        Assert.Contains("\"client-request-id\"", errorSchema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDocumentNeedsNoToken() =>
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/openapi.json", TestContext.Current.CancellationToken)).StatusCode);
}
