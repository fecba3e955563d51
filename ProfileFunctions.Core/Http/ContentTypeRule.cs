using Microsoft.Net.Http.Headers;

namespace ProfileFunctions.Core.Http;

/// <summary>A request body's Content-Type: parameters allowed; for JSON bodies, the charset (if named) must be UTF-8.</summary>
internal static class ContentTypeRule
{
    /// <summary><c>application/json</c>: what a create takes.</summary>
    public static bool IsJson(string? contentType) => IsUtf8(contentType, "application/json");

    /// <summary>The bare media type of a Content-Type header (parameters dropped), or null when it does not parse.</summary>
    public static string? MediaTypeOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.HasValue ? parsed.MediaType.Value : null;

    /// <summary>
    /// <paramref name="contentType"/> names <paramref name="mediaType"/> (case-insensitively), in UTF-8 or with no
    /// charset named.
    /// </summary>
    public static bool IsUtf8(string? contentType, string mediaType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
        return charset.Length == 0
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A PATCH body: <c>application/merge-patch+json</c> (RFC 7396's own type) or <c>application/json</c>, UTF-8.</summary>
internal static class PatchContentTypeRule
{
    public const string MergePatch = "application/merge-patch+json";

    public static bool IsAccepted(string? contentType) =>
        ContentTypeRule.IsJson(contentType) || ContentTypeRule.IsUtf8(contentType, MergePatch);
}
