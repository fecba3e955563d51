using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace ProfileFunctions.Core.Documents;

/// <summary>
/// Checks a request body against the contract's rules in one pass of <see cref="Utf8JsonReader"/>, and keeps the
/// members it does not type as the exact bytes the client sent.
/// </summary>
internal static class ResourceBodyParser
{
    public const int MinDimension = 1;

    public const int MaxDimension = 10_000;

    /// <param name="json">The request body.</param>
    /// <param name="resource">Which resource the body is for.</param>
    /// <param name="parsed">The body, split into typed and kept members.</param>
    /// <param name="error">Why the body is refused (400).</param>
    /// <param name="forPatch">
    /// A PATCH body: a photo's <c>"height": null</c> or <c>"width": null</c> removes the dimension, so it is kept as a
    /// member for <c>PatchDocument</c> to read rather than refused.
    /// </param>
    public static bool TryParse(
        ReadOnlySpan<byte> json,
        ResourceKind resource,
        [NotNullWhen(true)] out ParsedResource? parsed,
        [NotNullWhen(false)] out string? error,
        bool forPatch = false)
    {
        parsed = null;
        if (json.IsEmpty)
        {
            error = "The request body is empty: send a JSON object.";
            return false;
        }

        // The reader checks JSON syntax but not UTF-8 inside strings.
        if (!Utf8.IsValid(json))
        {
            error = "The request body is not valid UTF-8.";
            return false;
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            return TryParseRoot(ref reader, json, resource, forPatch, out parsed, out error);
        }
        catch (JsonException exception)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
            return false;
        }
        catch (InvalidOperationException)
        {
            // Thrown on unescaping a lone surrogate such as "\ud800": text that has no UTF-8 form.
            error = "The request body has an escaped character (\\uXXXX) that is not valid Unicode, such as a lone surrogate.";
            return false;
        }
    }

    private static bool TryParseRoot(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> json,
        ResourceKind resource,
        bool forPatch,
        [NotNullWhen(true)] out ParsedResource? parsed,
        [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = "The request body must be a single JSON object.";
            return false;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<Range>();
        Guid? id = null;
        int? height = null;
        int? width = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int memberStart = (int)reader.TokenStartIndex;
            string name = reader.GetString()!;
            if (!names.Add(name))
            {
                error = NestedJsonRules.Duplicate(name);
                return false;
            }

            reader.Read();
            error = name switch
            {
                "@odata.type" => CheckODataType(ref reader, resource),
                "id" => ReadId(ref reader, out id),
                "height" when resource.HasDimensions && !(forPatch && reader.TokenType == JsonTokenType.Null) => ReadDimension(ref reader, name, out height),
                "width" when resource.HasDimensions && !(forPatch && reader.TokenType == JsonTokenType.Null) => ReadDimension(ref reader, name, out width),
                _ => NestedJsonRules.CheckValue(ref reader),
            };
            if (error is not null)
            {
                return false;
            }

            if (name is not ("@odata.type" or "id") && !(resource.HasDimensions && name is "height" or "width"))
            {
                kept.Add(new Range(memberStart, (int)reader.BytesConsumed));
            }
        }

        // Reading past the root object makes the reader reject anything but white space after it.
        if (reader.Read())
        {
            error = "The request body must be a single JSON object.";
            return false;
        }

        parsed = new ParsedResource(id, height, width, ResourceJson.JoinMembers(json, kept));
        error = null;
        return true;
    }

    // Each check below leaves the reader on the value's last token and returns why the value is wrong, or null.
    private static string? CheckODataType(ref Utf8JsonReader reader, ResourceKind resource) =>
        reader.TokenType == JsonTokenType.String && resource.IsODataType(reader.GetString()!)
            ? null
            : $"'@odata.type' must be \"{resource.ODataType}\" for a {resource.Name}, or be left out.";

    private static string? ReadId(ref Utf8JsonReader reader, out Guid? id)
    {
        id = null;
        if (reader.TokenType == JsonTokenType.String && ResourceId.TryParse(reader.GetString()!, out var value))
        {
            id = value;
            return null;
        }

        return "'id' must be a GUID string other than the nil GUID (e.g. \"1736e66d-e66d-1736-6de6-36176de63617\"), or be left out.";
    }

    private static string? ReadDimension(ref Utf8JsonReader reader, string name, out int? value)
    {
        value = null;

        // Digits only: no sign, fraction or exponent (JSON itself forbids leading zeros).
        if (reader.TokenType == JsonTokenType.Number
            && !reader.ValueSpan.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && Utf8Parser.TryParse(reader.ValueSpan, out int number, out int consumed)
            && consumed == reader.ValueSpan.Length
            && number is >= MinDimension and <= MaxDimension)
        {
            value = number;
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"'{name}' must be a JSON integer from {MinDimension} to {MaxDimension:N0} (no fraction, exponent, quotes or null), or be left out.");
    }
}

/// <summary>The rules of a request body that hold at every depth, whichever resource it is for.</summary>
internal static class NestedJsonRules
{
    /// <summary>The deepest nesting allowed; the root object is level 1.</summary>
    public const int MaxDepth = 32;

    // Long property names are cut short in messages.
    private const int MaxNameInMessage = 64;

    /// <summary>
    /// Walks one value and checks the rules that hold at every depth: nesting, duplicate names after unescaping,
    /// escapes that decode to valid Unicode.
    /// </summary>
    public static string? CheckValue(ref Utf8JsonReader reader)
    {
        int startDepth = reader.CurrentDepth;
        var objects = new Stack<HashSet<string>?>();
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    // A container at depth d is at level d + 1: the root object is at depth 0.
                    if (reader.CurrentDepth + 1 > MaxDepth)
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"The request body is nested more than {MaxDepth} levels deep.");
                    }

                    objects.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                    break;

                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    objects.Pop();
                    break;

                case JsonTokenType.PropertyName:
                    string name = reader.GetString()!;
                    if (!objects.Peek()!.Add(name))
                    {
                        return Duplicate(name);
                    }

                    break;

                case JsonTokenType.String when reader.ValueIsEscaped:
                    _ = reader.GetString();
                    break;
            }

            if (reader.CurrentDepth == startDepth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return null;
            }

            reader.Read();
        }
    }

    public static string Duplicate(string name)
    {
        string shown = name.Length <= MaxNameInMessage ? name : string.Concat(name.AsSpan(0, MaxNameInMessage), "…");
        return $"The property \"{shown}\" appears more than once in the same object; send each name once.";
    }
}
