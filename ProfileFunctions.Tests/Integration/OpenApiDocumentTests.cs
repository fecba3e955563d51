using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Http;
using ProfileFunctions.LocalHost.OpenApi;
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

        string committed = await File.ReadAllTextAsync(Committed, TestContext.Current.CancellationToken);
        Assert.True(
            JsonNode.DeepEquals(served, JsonNode.Parse(committed)),
            $"openapi.json is out of date: run {UpdateSetting}=1 ./test.sh --filter OpenApiDocument, and commit the file.");

        // Byte for byte too: the order of paths and operations is the document's, and a mapping that changes it changes the file.
        Assert.True(committed == expected, $"openapi.json differs from the generated document in its order or formatting: run {UpdateSetting}=1 ./test.sh --filter OpenApiDocument, and commit the file.");
    }

    [Fact]
    public async Task TheDocumentIsOpenApi31AndDescribesEveryOperation()
    {
        var document = await ServedAsync();

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(["/user/{userId}", "/user/{userId}/photos", "/user/{userId}/photos/{photoId}", "/user/{userId}/photos/{photoId}/$value", "/user/{userId}/photos/{photoId}/{size}/$value", "/user/{userId}/profile"], paths.Select(path => path.Key).Order(StringComparer.Ordinal));
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

        // Both binary reads document their 304 as the range 3XX, which Kiota does not take for "no content": its GetAsync
        // then returns the image's stream (GeneratedClientTests). The JSON reads keep "304" (RouteParametersAndHeadersAreDescribed).
        foreach (string binaryRead in new[] { "/user/{userId}/photos/{photoId}/$value", "/user/{userId}/photos/{photoId}/{size}/$value" })
        {
            var responses = paths[binaryRead]!["get"]!["responses"]!.AsObject();
            Assert.Equal(["200", "3XX", "400"], responses.Select(response => response.Key).Take(3));
            Assert.Null(responses["304"]);
            Assert.Contains("304", responses["3XX"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(responses["3XX"]!["headers"]!["ETag"]!["required"]!.GetValue<bool>());
            Assert.Null(responses["3XX"]!["content"]);
            Assert.Contains(paths[binaryRead]!["get"]!["parameters"]!.AsArray(), parameter => parameter!["name"]!.GetValue<string>() == "If-None-Match");
        }
    }

    [Fact]
    public async Task TheDocumentNamesTheScopeTheAppRoleAndTheErrorFormat()
    {
        var document = await ServedAsync();

        var scheme = document["components"]!["securitySchemes"]!["entra-id"]!;
        Assert.Equal("oauth2", scheme["type"]!.GetValue<string>());
        Assert.NotNull(scheme["flows"]!["authorizationCode"]!["scopes"]!["Profile.ReadWrite"]);
        Assert.NotNull(scheme["flows"]!["clientCredentials"]!["scopes"]!["Profile.ReadWrite.All"]);
        Assert.Null(document["security"]);
        foreach (var operation in Operations(document))
        {
            Assert.Equal(
                ["Profile.ReadWrite", "Profile.ReadWrite.All"],
                operation["security"]!.AsArray().Select(requirement => requirement!["entra-id"]![0]!.GetValue<string>()));
        }

        var error = document["components"]!["schemas"]!["GraphErrorResponse"]!;
        Assert.NotNull(error["properties"]!["error"]);
        var main = document["components"]!["schemas"]!["GraphError"]!;
        Assert.True(main["properties"]!["message"]!["x-ms-primary-error-message"]!.GetValue<bool>());
        var inner = document["components"]!["schemas"]!["GraphInnerError"]!;
        Assert.Equal(["date", "request-id"], inner["required"]!.AsArray().Select(name => name!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.NotNull(inner["properties"]!["client-request-id"]);
    }

    private static IEnumerable<JsonNode> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Where(item => item.Key is not "parameters").Select(item => item.Value!));

    private static IEnumerable<string> Names(JsonNode? array) => array?.AsArray().Select(item => item!.GetValue<string>()) ?? [];

    [Fact]
    public async Task RequestsAndResponsesHaveTheirOwnSchemasWithTheContractsConstraints()
    {
        var document = await ServedAsync();
        var schemas = document["components"]!["schemas"]!;
        var create = document["paths"]!["/user/{userId}/photos"]!["post"]!;

        Assert.Equal("#/components/schemas/ProfilePhotoCreate", create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ProfilePhoto", create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());

        // A request: every member optional; the type in any case, with or without '#'; the dimensions integers from 1 to 10,000.
        var request = schemas["ProfilePhotoCreate"]!;
        Assert.Null(request["required"]);
        var pattern = new System.Text.RegularExpressions.Regex(request["properties"]!["@odata.type"]!["pattern"]!.GetValue<string>());
        Assert.Matches(pattern, "microsoft.fast.pi.viewgenerator.v2.profile.models.PROFILEPHOTO");
        Assert.Matches(pattern, "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto");
        Assert.DoesNotMatch(pattern, "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile");
        // Every request id is a GUID in any of the API's forms (no format: uuid, which refuses N, B and P and admits nil).
        foreach (string body in new[] { "ProfileCreate", "ProfileUpdate", "ProfilePhotoCreate", "ProfilePhotoUpdate" })
        {
            Assert.Null(schemas[body]!["properties"]!["id"]!["format"]);
            Assert.Equal(ResourceSchemas.GuidPattern, schemas[body]!["properties"]!["id"]!["pattern"]!.GetValue<string>());
        }

        // JSON Schema's integer admits 1.0 and 1e2, which the API refuses: the description says so.
        foreach (string dimension in new[] { "height", "width" })
        {
            Assert.Equal("integer", request["properties"]![dimension]!["type"]!.GetValue<string>());
            Assert.Equal(1, request["properties"]![dimension]!["minimum"]!.GetValue<int>());
            Assert.Equal(10000, request["properties"]![dimension]!["maximum"]!.GetValue<int>());
            Assert.Contains("1e2", request["properties"]![dimension]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("1e2", schemas["ProfilePhotoUpdate"]!["properties"]![dimension]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A response: the canonical type and the id always there.
        var response = schemas["ProfilePhoto"]!;
        Assert.Equal(["@odata.type", "id"], Names(response["required"]).Order(StringComparer.Ordinal));
        Assert.Equal("#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto", response["properties"]!["@odata.type"]!["const"]!.GetValue<string>());
        Assert.Equal(["value"], Names(schemas["ProfilePhotoPage"]!["required"]));
    }

    [Fact]
    public async Task RouteParametersAndHeadersAreDescribed()
    {
        var document = await ServedAsync();
        var read = document["paths"]!["/user/{userId}/photos/{photoId}"]!["get"]!;
        var parameters = read["parameters"]!.AsArray().ToDictionary(parameter => parameter!["name"]!.GetValue<string>(), parameter => parameter!);

        Assert.Equal(@"^[A-Za-z0-9\-_.@]{1,128}$", parameters["userId"]["schema"]!["pattern"]!.GetValue<string>());
        Assert.Null(parameters["photoId"]["schema"]!["format"]);
        Assert.Equal(ResourceSchemas.GuidPattern, parameters["photoId"]["schema"]!["pattern"]!.GetValue<string>());
        Assert.Equal("header", parameters["If-None-Match"]["in"]!.GetValue<string>());
        Assert.Equal("header", parameters["client-request-id"]["in"]!.GetValue<string>());
        Assert.True(read["responses"]!["200"]!["headers"]!["ETag"]!["required"]!.GetValue<bool>());
        Assert.NotNull(read["responses"]!["304"]!["headers"]!["ETag"]);
        Assert.NotNull(read["responses"]!["503"]!["headers"]!["Retry-After"]);

        var create = document["paths"]!["/user/{userId}/profile"]!["post"]!;
        Assert.True(create["responses"]!["201"]!["headers"]!["Location"]!["required"]!.GetValue<bool>());
        Assert.Contains(create["parameters"]!.AsArray(), parameter => parameter!["name"]!.GetValue<string>() == "Repeatability-Request-ID");
        var firstSent = create["parameters"]!.AsArray().Single(parameter => parameter!["name"]!.GetValue<string>() == "Repeatability-First-Sent")!;
        Assert.Equal(HeaderSchemas.HttpDatePattern, firstSent["schema"]!["pattern"]!.GetValue<string>());
        Assert.Contains("IMF-fixdate", firstSent["description"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var operation in Operations(document))
        {
            Assert.All(operation["responses"]!.AsObject(), response => Assert.True(response.Value!["headers"]!["request-id"]!["required"]!.GetValue<bool>()));
        }
    }

    [Fact]
    public async Task EveryOperationDocumentsItsPathsMethodNotAllowedAndTheDocumentItsUnknownPaths()
    {
        var document = await ServedAsync();

        // Each operation's 405: the Graph error, with Allow required and exactly the path's methods (The whole surface).
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            string allow = RouteTable.Routes.Single(route => "/" + route.Template == path).Allow;
            Assert.Equal(allow.ToLowerInvariant().Split(", ").Order(StringComparer.Ordinal), item!.AsObject().Select(entry => entry.Key).Where(key => key is not "parameters").Order(StringComparer.Ordinal));
            foreach (var (method, operation) in item.AsObject().Where(operation => operation.Key is not "parameters"))
            {
                var notAllowed = operation!["responses"]!["405"]!;
                Assert.True(notAllowed["headers"]!["Allow"]!["required"]!.GetValue<bool>(), $"{method} {path}");
                Assert.Equal(allow, notAllowed["headers"]!["Allow"]!["schema"]!["const"]!.GetValue<string>());
                Assert.Equal("#/components/schemas/GraphErrorResponse", notAllowed["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
            }
        }

        // Every other path: the reusable 404, which the description names.
        var unknown = document["components"]!["responses"]!["UnknownPath"]!;
        Assert.Contains("404 ResourceNotFound", unknown["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("#/components/schemas/GraphErrorResponse", unknown["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.True(unknown["headers"]!["request-id"]!["required"]!.GetValue<bool>());
        Assert.Contains("404 ResourceNotFound", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("405 MethodNotAllowed", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheErrorCodeIsAnEnumOfEveryCodeTheApiAnswers()
    {
        var document = await ServedAsync();

        var code = document["components"]!["schemas"]!["GraphError"]!["properties"]!["code"]!;
        Assert.Equal(
            typeof(ErrorCodes).GetFields().Select(field => (string)field.GetRawConstantValue()!).Order(StringComparer.Ordinal),
            code["enum"]!.AsArray().Select(value => value!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Contains("Authorization_RequestDenied", code["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
    }

    [Fact]
    public async Task TheServerIsTheLocalRunsAddressWhateverTheRequestsHost()
    {
        var document = await ServedAsync();

        Assert.Equal([ProfileApiDocument.LocalRunUrl], document["servers"]!.AsArray().Select(server => server!["url"]!.GetValue<string>()));

        // The address run.sh serves by default, so that a client generated from the committed document reaches a local run.
        var local = new Uri(ProfileApiDocument.LocalRunUrl);
        string runScript = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "run.sh"), TestContext.Current.CancellationToken);
        Assert.Contains($"port=\"${{PORT:-{local.Port}}}\"", runScript, StringComparison.Ordinal);
        Assert.Contains($"--urls \"http://{local.Host}:$port\"", runScript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerIsThePublicBaseUrlWhenTheAppHasOne()
    {
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["ProfileApi:PublicBaseUrl"] = "https://profiles.contoso.com/api/" });

        var document = JsonNode.Parse(await own.Client.GetStringAsync("/openapi.json", TestContext.Current.CancellationToken))!;

        Assert.Equal(["https://profiles.contoso.com/api"], document["servers"]!.AsArray().Select(server => server!["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryOperationDocumentsItsThrottlingWithRetryAfter()
    {
        var document = await ServedAsync();

        foreach (var operation in Operations(document))
        {
            var throttled = operation["responses"]!["429"]!;
            Assert.True(throttled["headers"]!["Retry-After"]!["required"]!.GetValue<bool>());
            Assert.Equal(60, throttled["headers"]!["Retry-After"]!["schema"]!["maximum"]!.GetValue<int>());
            Assert.EndsWith("GraphErrorResponse", throttled["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDocumentNeedsNoToken() =>
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/openapi.json", TestContext.Current.CancellationToken)).StatusCode);
}
