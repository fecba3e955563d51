using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// RFC 7396 JSON Merge Patch over raw UTF-8 JSON. Every value the patch does not replace keeps the exact bytes it was
/// stored with (every digit of a number, every escape of a string), and every value the patch brings is copied as the
/// client sent it: nothing goes through a .NET number or string and back.
/// </summary>
internal static class JsonMergePatch
{
    /// <summary>Applies a patch object's members to a stored body (a JSON object) and returns the new body.</summary>
    /// <param name="body">The stored body: a UTF-8 JSON object.</param>
    /// <param name="patchMembers">The patch's members to merge (the typed ones, such as <c>id</c>, already taken out).</param>
    public static byte[] Apply(ReadOnlySpan<byte> body, IEnumerable<JsonProperty> patchMembers)
    {
        using var target = JsonDocument.Parse(body.ToArray());
        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        MergeObject(target.RootElement, patchMembers, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>RFC 7396's MergePatch(target, patch) for any two JSON texts, as its section 2 defines it.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> target, ReadOnlySpan<byte> patch)
    {
        using var targetDocument = JsonDocument.Parse(target.ToArray());
        using var patchDocument = JsonDocument.Parse(patch.ToArray());
        var output = new ArrayBufferWriter<byte>(target.Length + patch.Length);
        Merge(targetDocument.RootElement, patchDocument.RootElement, output);
        return output.WrittenSpan.ToArray();
    }

    private static void Merge(JsonElement? target, JsonElement patch, ArrayBufferWriter<byte> output)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            // A patch that is not an object replaces the target whole (null included, at the root).
            output.Write(JsonMarshal.GetRawUtf8Value(patch));
            return;
        }

        MergeObject(target, patch.EnumerateObject(), output);
    }

    /// <summary>Writes the target's members (an empty object if the target is not one) with the patch's merged in.</summary>
    private static void MergeObject(JsonElement? target, IEnumerable<JsonProperty> patchMembers, ArrayBufferWriter<byte> output)
    {
        // Names are matched after unescaping: "a" and "\u0061" are the same member.
        var patches = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        foreach (var member in patchMembers)
        {
            patches[member.Name] = member;
        }

        output.Write("{"u8);
        bool first = true;
        if (target is { ValueKind: JsonValueKind.Object } existing)
        {
            foreach (var member in existing.EnumerateObject())
            {
                if (!patches.Remove(member.Name, out var change))
                {
                    WriteMember(ref first, JsonMarshal.GetRawUtf8PropertyName(member), member.Value, output);
                }
                else if (change.Value.ValueKind != JsonValueKind.Null)
                {
                    WriteName(ref first, JsonMarshal.GetRawUtf8PropertyName(member), output);
                    Merge(member.Value, change.Value, output);
                }
            }
        }

        // Members the target did not have, in the patch's order; a null for a missing member removes nothing.
        foreach (var member in patchMembers)
        {
            if (patches.ContainsKey(member.Name) && member.Value.ValueKind != JsonValueKind.Null)
            {
                WriteName(ref first, JsonMarshal.GetRawUtf8PropertyName(member), output);
                Merge(target: null, member.Value, output);
            }
        }

        output.Write("}"u8);
    }

    private static void WriteMember(ref bool first, ReadOnlySpan<byte> rawName, JsonElement value, ArrayBufferWriter<byte> output)
    {
        WriteName(ref first, rawName, output);
        output.Write(JsonMarshal.GetRawUtf8Value(value));
    }

    // The name's bytes are copied as they were in the source document, escapes and all, so they stay valid JSON.
    private static void WriteName(ref bool first, ReadOnlySpan<byte> rawName, ArrayBufferWriter<byte> output)
    {
        if (!first)
        {
            output.Write(","u8);
        }

        first = false;
        output.Write("\""u8);
        output.Write(rawName);
        output.Write("\":"u8);
    }
}
