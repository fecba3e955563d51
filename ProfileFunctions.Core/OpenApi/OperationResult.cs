using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.OpenApi;

/// <summary>
/// An operation's answer. Its type says what the operation can answer, so that a host mapping the operation gets the
/// endpoint metadata (and the OpenAPI document its responses) from the handler's return type, not from a list of its own.
/// </summary>
/// <typeparam name="TOperation">The operation, which lists its responses.</typeparam>
public sealed class OperationResult<TOperation> : IResult, IEndpointMetadataProvider
    where TOperation : IDescribedOperation
{
    // The operation's name, as the route table and the Functions app's function give it.
    private static readonly string OperationName = typeof(TOperation).Name;

    internal OperationResult(IResult answer)
    {
        Answer = answer;
        ProfileTelemetry.NameOperation(OperationName);
    }

    internal IResult Answer { get; }

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext) => Answer.ExecuteAsync(httpContext);

    /// <inheritdoc/>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "IEndpointMetadataProvider is a static abstract interface, as on ASP.NET Core's own Results<...>.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The operation itself, whose attributes declare its headers and any body the metadata below cannot say.
        builder.Metadata.Add(new DescribedOperationMetadata(typeof(TOperation)));
        foreach (var (status, body) in TOperation.Responses)
        {
            // A body is JSON: the resource's shape on success, the Graph error format on failure.
            builder.Metadata.Add(body is null
                ? new ProducesResponseTypeMetadata(status, typeof(void), [])
                : new ProducesResponseTypeMetadata(status, body, [JsonContent.MediaTypeWithoutParameters]));
        }
    }
}

/// <summary>An operation that lists what it can answer, for endpoint metadata.</summary>
public interface IDescribedOperation
{
    /// <summary>Each status the operation can answer, with its body's type (null for none), in document order.</summary>
    static abstract IReadOnlyList<(int Status, Type? Body)> Responses { get; }
}

/// <summary>The statuses operations share, so that each lists only what is its own.</summary>
internal static class DescribedResponses
{
    public static IReadOnlyList<(int Status, Type? Body)> Success(int status, Type body, params int[] errors) =>
        [(status, body), .. errors.Select(error => (error, (Type?)typeof(GraphErrorResponse)))];

    public static IReadOnlyList<(int Status, Type? Body)> Read(Type body, params int[] errors) =>
        [(StatusCodes.Status200OK, body), (StatusCodes.Status304NotModified, null), .. errors.Select(error => (error, (Type?)typeof(GraphErrorResponse)))];

    /// <summary>A PATCH: 200 with the resource, or 204 when the client prefers <c>return=minimal</c>; then the errors.</summary>
    public static IReadOnlyList<(int Status, Type? Body)> Update(Type body) =>
        [(StatusCodes.Status200OK, body), (StatusCodes.Status204NoContent, null), .. Errors(400, 401, 403, 404, 412, 413, 415, 429, 500, 503)];

    /// <summary>A DELETE (or a PUT of content): 204 with no body; then the errors.</summary>
    public static IReadOnlyList<(int Status, Type? Body)> Delete(params int[] errors) =>
        [(StatusCodes.Status204NoContent, null), .. Errors(errors)];

    private static IEnumerable<(int Status, Type? Body)> Errors(params int[] errors) =>
        errors.Select(error => (error, (Type?)typeof(GraphErrorResponse)));
}
