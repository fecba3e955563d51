namespace ProfileFunctions.Core.Http;

/// <summary>A PATCH body: <c>application/merge-patch+json</c> (RFC 7396's own type) or <c>application/json</c>, UTF-8.</summary>
internal static class PatchContentTypeRule
{
    public const string MergePatch = "application/merge-patch+json";

    public static bool IsAccepted(string? contentType) =>
        ContentTypeRule.IsJson(contentType) || ContentTypeRule.IsUtf8(contentType, MergePatch);
}
