using System.Reflection;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.OpenApi;

/// <summary>The error codes the API answers with, for the document's enum of <c>error.code</c>.</summary>
public static class DescribedErrorCodes
{
    /// <summary>
    /// Every constant of the API's own list of codes, in its declaration order: read from that list, so that a code added
    /// there is in the document (and its enum) as soon as the document is regenerated.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .OrderBy(field => field.MetadataToken)
            .Select(field => (string)field.GetRawConstantValue()!),
    ];
}
