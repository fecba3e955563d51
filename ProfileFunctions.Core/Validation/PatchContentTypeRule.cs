using Microsoft.Net.Http.Headers;

namespace ProfileFunctions.Core.Validation;

/// <summary>A PATCH body: <c>application/merge-patch+json</c> (RFC 7396's own type) or <c>application/json</c>, UTF-8.</summary>
internal static class PatchContentTypeRule
{
    public const string MergePatch = "application/merge-patch+json";

    public static bool IsAccepted(string? contentType)
    {
        if (ContentTypeRule.IsJson(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals(MergePatch, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset);
        return charset.Length == 0
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
