using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Profile;
using ProfileFunctions.LocalHost.OpenApi;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// How an operation that is not mapped yet gets its description: the statuses it lists imply headers, and its attributes
/// declare the rest, so that the document follows the code (as the coming PATCH, DELETE and $value operations will).
/// </summary>
public sealed class OperationDeclarationTests
{
    private static async Task<JsonNode> DocumentAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProfileApiDocument();
        await using var app = builder.Build();
        app.MapOpenApi(ProfileApiDocument.Path);
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        string json = await app.GetTestClient().GetStringAsync(ProfileApiDocument.Path, TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(json)!;
    }

    private static IEnumerable<string> Names(JsonNode operation, string location) =>
        operation["parameters"]!.AsArray().Where(parameter => parameter!["in"]!.GetValue<string>() == location).Select(parameter => parameter!["name"]!.GetValue<string>());

    [Fact]
    public async Task ABinaryOperationGetsItsDeclaredBodiesAndHeadersAndThoseItsStatusesImply()
    {
        var document = await DocumentAsync(app =>
        {
            app.MapPut("/user/{userId}/photos/{photoId}/$value", (string userId, string photoId) => new OperationResult<PutContent>(Results.NoContent()));
            app.MapGet("/user/{userId}/photos/{photoId}/$value", (string userId, string photoId) => new OperationResult<GetContent>(Results.NoContent()));
        });
        var put = document["paths"]!["/user/{userId}/photos/{photoId}/$value"]!["put"]!;
        var get = document["paths"]!["/user/{userId}/photos/{photoId}/$value"]!["get"]!;

        Assert.Equal(["image/jpeg", "image/png"], put["requestBody"]!["content"]!.AsObject().Select(media => media.Key));
        Assert.Equal("binary", put["requestBody"]!["content"]!["image/png"]!["schema"]!["format"]!.GetValue<string>());
        Assert.Equal(["client-request-id", "If-Match"], Names(put, "header"));
        Assert.True(put["responses"]!["204"]!["headers"]!["ETag"]!["required"]!.GetValue<bool>());
        Assert.Null(put["responses"]!["204"]!["content"]);
        Assert.Equal("#/components/schemas/GraphErrorResponse", put["responses"]!["412"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(ResourceSchemas.GuidPattern, put["parameters"]!.AsArray().Single(parameter => parameter!["name"]!.GetValue<string>() == "photoId")!["schema"]!["pattern"]!.GetValue<string>());
        Assert.Equal("GET, PUT", put["responses"]!["405"]!["headers"]!["Allow"]!["schema"]!["const"]!.GetValue<string>());

        Assert.Equal(["client-request-id", "If-None-Match"], Names(get, "header"));
        Assert.Equal(["image/gif"], get["responses"]!["200"]!["content"]!.AsObject().Select(media => media.Key));
        Assert.NotNull(get["responses"]!["200"]!["headers"]!["Cache-Control"]);
        Assert.NotNull(get["responses"]!["3XX"]!["headers"]!["ETag"]);
        Assert.Null(get["responses"]!["304"]);
        Assert.NotNull(get["security"]);
    }

    [Fact]
    public async Task APatchGetsTheUpdateSchemaAndPrefer()
    {
        var document = await DocumentAsync(app => app
            .MapPatch("/user/{userId}/profile", (string userId) => new OperationResult<PatchProfile>(Results.NoContent()))
            .Accepts<ProfileDocument>("application/json", "application/merge-patch+json"));
        var patch = document["paths"]!["/user/{userId}/profile"]!["patch"]!;

        Assert.Equal(["application/json", "application/merge-patch+json"], patch["requestBody"]!["content"]!.AsObject().Select(media => media.Key));
        Assert.Equal("#/components/schemas/ProfileUpdate", patch["requestBody"]!["content"]!["application/merge-patch+json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Profile", patch["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["client-request-id", "If-Match", "Prefer"], Names(patch, "header"));
        Assert.NotNull(patch["responses"]!["204"]!["headers"]!["ETag"]);
    }

    [RequestBody(null, "image/jpeg", "image/png")]
    [ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
    internal sealed class PutContent : IDescribedOperation
    {
        public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = [(204, null), (404, typeof(GraphErrorResponse)), (412, typeof(GraphErrorResponse))];
    }

    [BinaryResponse(StatusCodes.Status200OK, "image/gif")]
    [ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.CacheControl)]
    internal sealed class GetContent : IDescribedOperation
    {
        public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = [(200, typeof(Stream)), (304, null), (404, typeof(GraphErrorResponse))];
    }

    [RequestHeader(DescribedHeaders.Prefer)]
    [ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
    [ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
    internal sealed class PatchProfile : IDescribedOperation
    {
        public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = [(200, typeof(ProfileDocument)), (204, null), (412, typeof(GraphErrorResponse))];
    }
}
