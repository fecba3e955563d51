using System.Globalization;
using System.Text.Json;

namespace ProfileFunctions.Core.Documents;

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
