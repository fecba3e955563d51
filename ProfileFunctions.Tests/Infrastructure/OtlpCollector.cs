using System.Net;
using System.Text;
using Google.Protobuf;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>One span as an OTLP exporter sent it: ids in hex, attributes with their string or integer values.</summary>
public sealed record CollectedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, int StatusCode, string Scope, IReadOnlyDictionary<string, object> Attributes)
{
    public const int Server = 2;
    public const int Error = 2;
}

/// <summary>
/// An OTLP/HTTP collector on 127.0.0.1 (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>): keeps every span that any
/// process exports to it, and answers every export 200. It reads the few protobuf fields of <c>opentelemetry-proto</c>'s
/// trace messages that tests look at.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<CollectedSpan> _spans = [];

    public OtlpCollector()
    {
        Endpoint = $"http://127.0.0.1:{FreePort.Next()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _ = ReceiveAsync();
    }

    public string Endpoint { get; }

    /// <summary>The settings that send a host's telemetry here, exported within a tenth of a second.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    };

    public IReadOnlyList<CollectedSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext export;
            try
            {
                export = await _listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await export.Request.InputStream.CopyToAsync(body);
            if (export.Request.Url!.AbsolutePath == "/v1/traces")
            {
                lock (_spans)
                {
                    _spans.AddRange(ReadSpans(body.ToArray()));
                }
            }

            export.Response.StatusCode = 200;
            export.Response.Close();
        }
    }

    // ExportTraceServiceRequest { 1: ResourceSpans { 2: ScopeSpans { 1: InstrumentationScope { 1: name }, 2: Span } } }
    private static IEnumerable<CollectedSpan> ReadSpans(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(field => field.Number == 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans.Bytes).Where(field => field.Number == 2))
            {
                var fields = Fields(scopeSpans.Bytes).ToList();
                string scope = fields.Where(field => field.Number == 1).Select(field => Text(Fields(field.Bytes), 1)).FirstOrDefault() ?? "";
                foreach (var span in fields.Where(field => field.Number == 2))
                {
                    yield return ReadSpan(Fields(span.Bytes).ToList(), scope);
                }
            }
        }
    }

    // Span { 1: trace_id, 2: span_id, 4: parent_span_id, 5: name, 6: kind, 9: KeyValue { 1: key, 2: AnyValue { 1: string, 3: int } }, 15: Status { 3: code } }
    private static CollectedSpan ReadSpan(List<Field> span, string scope)
    {
        var attributes = new Dictionary<string, object>();
        foreach (var attribute in span.Where(field => field.Number == 9).Select(field => Fields(field.Bytes).ToList()))
        {
            var value = Fields(attribute.Single(field => field.Number == 2).Bytes).FirstOrDefault();
            attributes[Text(attribute, 1) ?? ""] = value.Number switch
            {
                1 => Encoding.UTF8.GetString(value.Bytes),
                3 => (long)value.Varint,
                _ => "",
            };
        }

        var status = span.Where(field => field.Number == 15).Select(field => Fields(field.Bytes).FirstOrDefault(inner => inner.Number == 3).Varint).FirstOrDefault();
        return new CollectedSpan(
            Hex(span, 1), Hex(span, 2), Hex(span, 4), Text(span, 5) ?? "", (int)span.FirstOrDefault(field => field.Number == 6).Varint, (int)status, scope, attributes);
    }

    private static string Hex(IEnumerable<Field> fields, int number) =>
        Convert.ToHexStringLower(fields.FirstOrDefault(field => field.Number == number).Bytes ?? []);

    private static string? Text(IEnumerable<Field> fields, int number) =>
        fields.Where(field => field.Number == number).Select(field => Encoding.UTF8.GetString(field.Bytes)).FirstOrDefault();

    // The wire format is Google.Protobuf's to read; which fields matter is OTLP's (the comments above).
    private static List<Field> Fields(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<Field>();
        for (uint tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            int number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint:
                    fields.Add(new Field(number, input.ReadUInt64(), []));
                    break;
                case WireFormat.WireType.LengthDelimited:
                    fields.Add(new Field(number, 0, input.ReadBytes().ToByteArray()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }

    private readonly record struct Field(int Number, ulong Varint, byte[] Bytes);
}
