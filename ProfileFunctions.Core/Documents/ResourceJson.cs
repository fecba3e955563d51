using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProfileFunctions.Core.Documents;

/// <summary>The JSON of a resource as the API returns it: its typed members, then the client's other members.</summary>
internal static class ResourceJson
{
    // The envelope holds only our own values; a media ETag's quotes then read as \" (as Graph writes them), not \u0022.
    private static readonly JsonWriterOptions EnvelopeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string MediaContentTypeMember = "@odata.mediaContentType";
    private const string MediaETagMember = "@odata.mediaEtag";
    private const string SizesMember = "sizes";

    // What the API writes for a photo's content, and so never keeps of the client's.
    private static readonly string[] ContentMembers = [MediaContentTypeMember, MediaETagMember, SizesMember];
    private static readonly byte[][] ContentMemberBytes = [.. ContentMembers.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <param name="resource">Which resource, for its canonical <c>@odata.type</c>.</param>
    /// <param name="id">The resource's id.</param>
    /// <param name="height">A photo's height, when it has one.</param>
    /// <param name="width">A photo's width, when it has one.</param>
    /// <param name="body">The stored body: a JSON object of the client's other members, exactly as sent.</param>
    /// <param name="media">A photo's content type, ETag and the sizes it offers, once it has content.</param>
    public static byte[] Compose(ResourceKind resource, Guid id, int? height, int? width, ReadOnlySpan<byte> body, PhotoMedia? media = null)
    {
        var envelope = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(envelope, EnvelopeOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.type", resource.ODataType);
            writer.WriteString("id", id);
            if (media is { } content)
            {
                writer.WriteString(MediaContentTypeMember, content.ContentType);
                writer.WriteString(MediaETagMember, content.ETag);
            }

            if (height is { } h)
            {
                writer.WriteNumber("height", h);
            }

            if (width is { } w)
            {
                writer.WriteNumber("width", w);
            }

            if (media is { } offered)
            {
                writer.WriteStartArray(SizesMember);
                foreach (string size in offered.Sizes)
                {
                    writer.WriteStringValue(size);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        // The members the API writes for content win over any the client kept under the same names: never two of a name.
        if (media is not null)
        {
            body = WithoutContentMembers(body);
        }

        // Both are complete objects, so their member lists join at the envelope's '}' and the body's '{'. Copying the
        // body's bytes (rather than re-serializing them) keeps every number's digits and every string as sent.
        ReadOnlySpan<byte> head = envelope.WrittenSpan;
        if (body.Length <= 2)
        {
            return head.ToArray();
        }

        byte[] json = new byte[head.Length + body.Length - 1];
        head[..^1].CopyTo(json);
        json[head.Length - 1] = (byte)',';
        body[1..].CopyTo(json.AsSpan(head.Length));
        return json;
    }

    /// <summary>The body object without its top-level members that the API writes for content (compared after unescaping); itself when it has none.</summary>
    private static ReadOnlySpan<byte> WithoutContentMembers(ReadOnlySpan<byte> body)
    {
        // Most bodies name none of them, and a name can only hide behind an escape.
        if (body.IndexOf((byte)'\\') < 0 && !ContainsAny(body, ContentMemberBytes))
        {
            return body;
        }

        var reader = new Utf8JsonReader(body);
        reader.Read();
        var kept = new List<Range>();
        bool dropped = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int start = (int)reader.TokenStartIndex;
            string name = reader.GetString()!;
            reader.Read();
            reader.Skip();
            if (ContentMembers.Contains(name))
            {
                dropped = true;
            }
            else
            {
                kept.Add(new Range(start, (int)reader.BytesConsumed));
            }
        }

        return dropped ? JoinMembers(body, kept) : body;
    }

    private static bool ContainsAny(ReadOnlySpan<byte> body, byte[][] names)
    {
        foreach (byte[] name in names)
        {
            if (body.IndexOf(name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A page of a collection, Graph style: <c>{"value": [...], "@odata.nextLink": "..."}</c>.</summary>
    /// <param name="items">Each item's JSON, from <see cref="Compose"/>.</param>
    /// <param name="nextLink">Where the next page is, when more remain.</param>
    public static byte[] Page(IEnumerable<byte[]> items, string? nextLink)
    {
        var page = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(page))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("value");
            foreach (byte[] item in items)
            {
                // Our own output, valid JSON already.
                writer.WriteRawValue(item, skipInputValidation: true);
            }

            writer.WriteEndArray();
            if (nextLink is not null)
            {
                writer.WriteString("@odata.nextLink", nextLink);
            }

            writer.WriteEndObject();
        }

        return page.WrittenSpan.ToArray();
    }

    /// <summary>A JSON object of the kept members: '{', the members' bytes joined by ',', '}'.</summary>
    public static byte[] JoinMembers(ReadOnlySpan<byte> json, List<Range> members)
    {
        int length = 2 + Math.Max(0, members.Count - 1);
        foreach (var member in members)
        {
            length += member.End.Value - member.Start.Value;
        }

        byte[] body = new byte[length];
        body[0] = (byte)'{';
        int position = 1;
        for (int i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                body[position++] = (byte)',';
            }

            var member = json[members[i]];
            member.CopyTo(body.AsSpan(position));
            position += member.Length;
        }

        body[position] = (byte)'}';
        return body;
    }
}

/// <summary>What a photo with content adds to its JSON.</summary>
/// <param name="ContentType">The stored content's media type.</param>
/// <param name="ETag">The content's ETag, as <c>$value</c> gives it.</param>
/// <param name="Sizes">The photo sizes it offers, smallest first.</param>
internal sealed record PhotoMedia(string ContentType, string ETag, IReadOnlyList<string> Sizes);

/// <summary>
/// What the shared document rules need to know of a resource: its name in messages, its OData type, and whether it
/// types <c>height</c> and <c>width</c>. Each resource declares its own (<c>ProfileResource.Kind</c>, <c>PhotoResource.Kind</c>).
/// </summary>
internal sealed class ResourceKind(string name, string odataType, bool hasDimensions)
{
    /// <summary>The resource's name in messages.</summary>
    public string Name { get; } = name;

    /// <summary>The canonical <c>@odata.type</c>, as every response gives it.</summary>
    public string ODataType { get; } = odataType;

    /// <summary>Whether <c>height</c> and <c>width</c> are typed members of the resource (else they are kept as sent).</summary>
    public bool HasDimensions { get; } = hasDimensions;

    /// <summary>Case-insensitive, with or without the leading <c>#</c>.</summary>
    public bool IsODataType(string value) =>
        (value.StartsWith('#') ? value.AsSpan(1) : value.AsSpan()).Equals(ODataType.AsSpan(1), StringComparison.OrdinalIgnoreCase);
}
