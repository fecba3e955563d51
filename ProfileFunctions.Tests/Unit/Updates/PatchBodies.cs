using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ProfileFunctions.Core.Documents;

namespace ProfileFunctions.Tests.Unit.Updates;

/// <summary>A PATCH body read as the API reads one: the create's body rules first (size aside), then the patch's own.</summary>
internal static class PatchBodies
{
    public static bool TryRead(ReadOnlySpan<byte> json, ResourceKind kind, Guid currentId, [NotNullWhen(true)] out PatchDocument? patch, [NotNullWhen(false)] out string? error)
    {
        patch = null;
        if (!ResourceBodyParser.TryParse(json, kind, out _, out error, forPatch: true))
        {
            return false;
        }

        using var document = JsonDocument.Parse(json.ToArray());
        return PatchDocument.TryCreate(document.RootElement, kind, currentId, out patch, out error);
    }
}
