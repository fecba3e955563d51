using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// Holds every response an HTTP test receives to the committed OpenAPI document (which OpenApiDocumentTests keeps equal
/// to the generated one): the operation is found by method and path template, and its status must be documented (by its
/// code, or else its range such as 3XX), its required headers present, every documented header's value and the JSON body
/// valid against their schemas, and a body present exactly when the document gives one. A response that disagrees throws,
/// which fails the test that made the request. The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1): the whole
/// document is registered with JsonSchema.Net's registry, so that their <c>#/components/schemas/...</c> references
/// resolve as they are.
/// </summary>
/// <remarks>
/// Answers the document does not describe, each checked as the contract states it instead:
/// paths outside the API (<c>/openapi.json</c>, <c>/healthz</c>), unknown paths (404 <c>ResourceNotFound</c>) and other
/// methods on a route (405 with <c>Allow</c>). Routing gives these before any operation runs, and OpenAPI has no way to
/// describe "every other path" or "every other method"; their bodies are still held to the Graph error schema.
/// </remarks>
internal sealed class DocumentedResponses : DelegatingHandler
{
    private static readonly Lazy<Document> Committed = new(() => new Document(Path.Combine(RepositoryRoot.Path, "openapi.json")));

    public DocumentedResponses()
    {
    }

    public DocumentedResponses(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problems = Committed.Value.Check(request, response, body);
        if (problems.Count > 0)
        {
            throw new UndocumentedResponseException(
                $"{request.Method} {request.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}, which openapi.json does not describe:\n  "
                + string.Join("\n  ", problems) + $"\nBody: {(body.Length > 2000 ? body[..2000] : body)}");
        }

        return response;
    }

    private sealed class Document
    {
        private static readonly Uri BaseUri = new("https://profilefunctions.test/openapi.json");

        private readonly JsonElement _root;
        private readonly BuildOptions _build;
        private readonly EvaluationOptions _evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
        private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
        private readonly Lock _building = new();

        public Document(string path)
        {
            _root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            // OpenAPI 3.1 schemas are JSON Schema 2020-12, whose dialect allows the document's x- extensions as unknown keywords.
            _build = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
            _build.SchemaRegistry.Register(BaseUri, new JsonElementBaseDocument(_root, BaseUri));
        }

        public List<string> Check(HttpRequestMessage request, HttpResponseMessage response, string body)
        {
            var problems = new List<string>();
            int status = (int)response.StatusCode;
            string path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
            if (path is "/openapi.json" or "/healthz")
            {
                return problems;
            }

            var template = _root.GetProperty("paths").EnumerateObject()
                .Where(candidate => Matches(candidate.Name, path))
                .OrderByDescending(candidate => candidate.Name.Split('/').Count(segment => !segment.StartsWith('{')))
                .Select(candidate => (JsonProperty?)candidate)
                .FirstOrDefault();
            if (template is not { } found)
            {
                Expect(problems, status == 404, "an unknown path must be 404");
                CheckErrorBody(problems, request, response, body, $"{path} (unknown path)");
                return problems;
            }

            string method = request.Method.Method.ToLowerInvariant();
            if (!found.Value.TryGetProperty(method, out var operation))
            {
                Expect(problems, status == 405, $"{request.Method} is not an operation of {found.Name}: it must be 405");
                Expect(problems, response.Content.Headers.Allow.Count > 0, "a 405 must list the route's methods in Allow");
                CheckErrorBody(problems, request, response, body, $"{found.Name} (other method)");
                return problems;
            }

            string where = $"{operation.GetProperty("operationId").GetString()} {status}";
            // As OpenAPI reads responses: the explicit code, else its range (a binary read's 304 is documented as 3XX).
            var responses = operation.GetProperty("responses");
            if (!responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var documented)
                && !responses.TryGetProperty($"{status / 100}XX", out documented))
            {
                problems.Add($"status {status} is not among the operation's documented responses");
                return problems;
            }

            CheckHeaders(problems, documented, response, where);
            if (!documented.TryGetProperty("content", out var content))
            {
                Expect(problems, body.Length == 0, "the document gives this response no body, but it has one");
                return problems;
            }

            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (request.Method == HttpMethod.Head)
            {
                return problems;
            }

            if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
            {
                problems.Add($"Content-Type '{mediaType}' is not one the document gives ({string.Join(", ", content.EnumerateObject().Select(item => item.Name))})");
                return problems;
            }

            if (mediaType == "application/json")
            {
                CheckBody(problems, media.GetProperty("schema"), response, body, where);
            }

            return problems;
        }

        // A literal segment matches as routing sees it, percent-decoded: %24value is the $value segment.
        private static bool Matches(string template, string path)
        {
            string[] expected = template.Split('/');
            string[] actual = path.Split('/');
            return expected.Length == actual.Length
                && expected.Zip(actual).All(pair => pair.First.StartsWith('{') ? pair.Second.Length > 0 : string.Equals(pair.First, Uri.UnescapeDataString(pair.Second), StringComparison.Ordinal));
        }

        // A response to HEAD has no body on a real server (RFC 9110, 9.3.2), whatever an in-memory one passes through.
        private void CheckErrorBody(List<string> problems, HttpRequestMessage request, HttpResponseMessage response, string body, string where)
        {
            if (request.Method == HttpMethod.Head)
            {
                Expect(problems, response.Content.Headers.ContentType?.MediaType == "application/json", $"{where}: the error's Content-Type must be application/json");
                return;
            }

            CheckBody(problems, Ref("GraphErrorResponse"), response, body, where);
        }

        private static JsonElement Ref(string component) =>
            JsonDocument.Parse($$"""{"$ref":"#/components/schemas/{{component}}"}""").RootElement;

        private static void Expect(List<string> problems, bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }

        private void CheckHeaders(List<string> problems, JsonElement documented, HttpResponseMessage response, string where)
        {
            if (!documented.TryGetProperty("headers", out var headers))
            {
                return;
            }

            foreach (var header in headers.EnumerateObject())
            {
                bool required = header.Value.TryGetProperty("required", out var flag) && flag.GetBoolean();
                string? value = Value(response, header.Name);
                if (value is null)
                {
                    Expect(problems, !required, $"the required header {header.Name} is missing");
                    continue;
                }

                var schema = header.Value.GetProperty("schema");
                JsonNode? instance = schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "integer"
                    && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(value);
                Validate(problems, schema, JsonSerializer.SerializeToElement(instance), $"{where} header {header.Name}");
            }
        }

        private static string? Value(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                return string.Join(", ", values);
            }

            return null;
        }

        private void CheckBody(List<string> problems, JsonElement schema, HttpResponseMessage response, string body, string where)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                problems.Add($"{where}: the body must be application/json, not '{response.Content.Headers.ContentType}'");
                return;
            }

            JsonElement instance;
            try
            {
                instance = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException exception)
            {
                problems.Add($"{where}: the body is not JSON ({exception.Message})");
                return;
            }

            Validate(problems, schema, instance, where);
        }

        private void Validate(List<string> problems, JsonElement schema, JsonElement instance, string where)
        {
            string key = schema.GetRawText();
            if (!_schemas.TryGetValue(key, out var built))
            {
                lock (_building)
                {
                    // Each schema is built on a URI of its own (the registry refuses a second schema on the document's),
                    // with its references into the document made absolute so that they resolve in the registered document.
                    built = _schemas.GetOrAdd(key, _ => JsonSchema.Build(
                        JsonDocument.Parse(key.Replace("\"#/components/", $"\"{BaseUri}#/components/", StringComparison.Ordinal)).RootElement,
                        _build,
                        new Uri($"https://profilefunctions.test/checks/{Guid.NewGuid():N}")));
                }
            }

            var results = built.Evaluate(instance, _evaluation);
            if (!results.IsValid)
            {
                var errors = (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                    .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value} ({detail.EvaluationPath})"));
                problems.Add($"{where}: not valid against the document's schema: {string.Join("; ", errors)}");
            }
        }
    }
}

/// <summary>A response that openapi.json does not describe.</summary>
public sealed class UndocumentedResponseException(string message) : Exception(message);
