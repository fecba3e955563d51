using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProfileFunctions.Core.Documents;

/// <summary>The JSON of a resource as the API returns it: its typed members, then the client's other members.</summary>
internal static class ResourceJson
{
    // The envelope holds only our own values; a media ETag's quotes then read as \" (as Graph writes them), not \u0022.
    private static readonly JsonWriterOptions EnvelopeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="resource">Which resource, for its canonical <c>@odata.type</c>.</param>
    /// <param name="id">The resource's id.</param>
    /// <param name="height">A photo's height, when it has one.</param>
    /// <param name="width">A photo's width, when it has one.</param>
    /// <param name="body">The stored body: a JSON object of the client's other members, exactly as sent.</param>
    /// <param name="media">A photo's content type and ETag, once it has content.</param>
    public static byte[] Compose(ResourceKind resource, Guid id, int? height, int? width, ReadOnlySpan<byte> body, (string ContentType, string ETag)? media = null)
    {
        var envelope = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(envelope, EnvelopeOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.type", resource.ODataType);
            writer.WriteString("id", id);
            if (media is var (mediaContentType, mediaETag))
            {
                writer.WriteString("@odata.mediaContentType", mediaContentType);
                writer.WriteString("@odata.mediaEtag", mediaETag);
            }
            if (height is { } h)
            {
                writer.WriteNumber("height", h);
            }

            if (width is { } w)
            {
                writer.WriteNumber("width", w);
            }

            writer.WriteEndObject();
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
}
