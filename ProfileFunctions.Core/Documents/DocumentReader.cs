using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Documents;

/// <summary>
/// A create's or a PATCH's JSON body: read up to its limit (413; a 400 for one the client stopped, sent too slowly or
/// framed wrongly), then checked against the resource's rules (400).
/// </summary>
internal static class DocumentReader
{
    /// <summary>
    /// A create's request after access, in the contract's order: <c>Content-Type</c> (415), the <c>Repeatability-*</c>
    /// headers (400), then the body (413, 400), as both creates check them.
    /// </summary>
    public static async Task<(IResult? Refusal, ParsedResource? Parsed, RepeatableRequest? Repeatable, byte[]? Hash)> ReadCreateRequestAsync(HttpRequest request, ResourceKind kind, CancellationToken aborted)
    {
        if (!ContentTypeRule.IsJson(request.ContentType))
        {
            return (ApiError.UnsupportedMediaType(), null, null, null);
        }

        if (!RepeatableRequest.TryRead(request.Headers, out var repeatable, out var headerError))
        {
            return (ApiError.BadRequest(headerError!), null, null, null);
        }

        var (refusal, parsed, hash) = await ReadCreateAsync(request, kind, repeatable is not null, aborted);
        return (refusal, parsed, repeatable, hash);
    }

    /// <summary>A create's body, split into typed and kept members; with a repeatability key, also the hash of its exact bytes.</summary>
    private static async Task<(IResult? Refusal, ParsedResource? Parsed, byte[]? Hash)> ReadCreateAsync(HttpRequest request, ResourceKind kind, bool keyed, CancellationToken aborted)
    {
        var read = await RequestBodyReader.ReadAsync(request, aborted);
        if (read.IsRefused)
        {
            return (read.Refusal, null, null);
        }

        using var body = read.Body!;
        if (!ResourceBodyParser.TryParse(body.Span, kind, out var parsed, out var error))
        {
            return (ApiError.BadRequest(error), null, null);
        }

        // Of the exact bytes: a repeat is the same request only if it sends the very same body.
        return (null, parsed, keyed ? SHA256.HashData(body.Span) : null);
    }

    /// <summary>
    /// A PATCH's request after access, in the contract's order: <c>Content-Type</c> (415), <c>If-Match</c> (400), then
    /// the body (413, 400), checked with the create's rules (a photo's dimension may be null, to remove it), as a JSON
    /// document for the caller to dispose.
    /// </summary>
    public static async Task<(IResult? Refusal, IfMatch? IfMatch, JsonDocument? Patch)> ReadPatchRequestAsync(HttpRequest request, ResourceKind kind, CancellationToken aborted)
    {
        if (!PatchContentTypeRule.IsAccepted(request.ContentType))
        {
            return (ApiError.UnsupportedPatchMediaType(), null, null);
        }

        if (!IfMatch.TryRead(request, out var ifMatch, out var ifMatchRefusal))
        {
            return (ifMatchRefusal, null, null);
        }

        var read = await RequestBodyReader.ReadAsync(request, aborted);
        if (read.IsRefused)
        {
            return (read.Refusal, null, null);
        }

        using var body = read.Body!;
        return ResourceBodyParser.TryParse(body.Span, kind, out _, out var error, forPatch: true)
            ? (null, ifMatch, JsonDocument.Parse(body.Span.ToArray()))
            : (ApiError.BadRequest(error), null, null);
    }
}

/// <summary>A valid request body, split into the members the API types and the ones it keeps as sent.</summary>
/// <param name="Id">The client's id, if it sent one.</param>
/// <param name="Height">A photo's height, if sent.</param>
/// <param name="Width">A photo's width, if sent.</param>
/// <param name="Body">A JSON object of every other member, each exactly as sent.</param>
internal sealed record ParsedResource(Guid? Id, int? Height, int? Width, byte[] Body);
