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
/// Routing's answers are held to the document too: another method on a documented path to the 405 that each of the path's
/// operations documents (its <c>Allow</c> the path's own methods), and a path the document lacks to the reusable
/// <c>#/components/responses/UnknownPath</c> (404 <c>ResourceNotFound</c>). Only the paths outside the API
/// (<c>/openapi.json</c>, <c>/healthz</c>) are not checked.
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
                Expect(problems, status == 404, "a path the document lacks must be 404 (UnknownPath)");
                if (status == 404)
                {
                    var unknown = _root.GetProperty("components").GetProperty("responses").GetProperty("UnknownPath");
                    CheckDocumented(problems, request, response, body, unknown, $"{path} (UnknownPath)");
                    CheckCode(problems, request, body, "ResourceNotFound", $"{path} (UnknownPath)");
                }

                return problems;
            }

            string method = request.Method.Method.ToLowerInvariant();
            if (!found.Value.TryGetProperty(method, out var operation))
            {
                Expect(problems, status == 405, $"{request.Method} is not an operation of {found.Name}: it must be 405");
                // Every operation of the path documents the same 405; the first one's is the path's.
                var notAllowed = found.Value.EnumerateObject()
                    .Where(item => item.Value.ValueKind == JsonValueKind.Object && item.Value.TryGetProperty("responses", out _))
                    .Select(item => item.Value.GetProperty("responses").TryGetProperty("405", out var documented) ? (JsonElement?)documented : null)
                    .FirstOrDefault();
                if (notAllowed is not { } documented405)
                {
                    problems.Add($"no operation of {found.Name} documents its 405");
                }
                else if (status == 405)
                {
                    CheckDocumented(problems, request, response, body, documented405, $"{found.Name} {request.Method} (405)");
                    CheckCode(problems, request, body, "MethodNotAllowed", $"{found.Name} {request.Method} (405)");
                }

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

            CheckDocumented(problems, request, response, body, documented, where);
            return problems;
        }

        /// <summary>The response against one documented response: its headers, and its body (or none) and media type.</summary>
        private void CheckDocumented(List<string> problems, HttpRequestMessage request, HttpResponseMessage response, string body, JsonElement documented, string where)
        {
            CheckHeaders(problems, documented, response, where);
            if (!documented.TryGetProperty("content", out var content))
            {
                Expect(problems, body.Length == 0, "the document gives this response no body, but it has one");
                return;
            }

            // A response to HEAD has no body on a real server (RFC 9110, 9.3.2), whatever an in-memory one passes through;
            // its Content-Type is still the GET's.
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
            {
                problems.Add($"{where}: Content-Type '{mediaType}' is not one the document gives ({string.Join(", ", content.EnumerateObject().Select(item => item.Name))})");
                return;
            }

            if (request.Method != HttpMethod.Head && mediaType == "application/json")
            {
                CheckBody(problems, media.GetProperty("schema"), response, body, where);
            }
        }

        // Routing's answers have one code each: the document's enum admits any of the API's, the contract only this one.
        private static void CheckCode(List<string> problems, HttpRequestMessage request, string body, string code, string where)
        {
            if (request.Method == HttpMethod.Head || body.Length == 0)
            {
                return;
            }

            try
            {
                using var parsed = JsonDocument.Parse(body);
                bool matches = parsed.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var actual) && actual.ValueEquals(code);
                Expect(problems, matches, $"{where}: the error code must be {code}");
            }
            catch (JsonException)
            {
                // CheckBody has said that the body is not JSON.
            }
        }

        // A literal segment matches as routing sees it, percent-decoded: %24value is the $value segment.
        private static bool Matches(string template, string path)
        {
            string[] expected = template.Split('/');
            string[] actual = path.Split('/');
            return expected.Length == actual.Length
                && expected.Zip(actual).All(pair => pair.First.StartsWith('{') ? pair.Second.Length > 0 : string.Equals(pair.First, Uri.UnescapeDataString(pair.Second), StringComparison.Ordinal));
        }

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
