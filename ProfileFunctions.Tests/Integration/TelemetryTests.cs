using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Telemetry;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class TelemetryTests(ApiFixture api)
{
    [Fact]
    public async Task EachRequestsSpanCarriesTheRequestIdItsResponseGave()
    {
        var spans = new List<Activity>();
        await using var own = StartTracedApi(spans);
        string user = Paths.NewUser();
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Photos(user)) { Content = new StringContent("{}", null, "application/json") };
        request.Headers.Authorization = new("Bearer", api.Token(TokenRequest.Delegated(user)));
        request.Headers.Add("client-request-id", "trace-me-7");

        var response = await own.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        string requestId = Assert.Single(response.Headers.GetValues("request-id"));
        own.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // A snapshot: the host's background warm-up may still end spans into the list while the test reads it.
        var finished = spans.ToArray();
        var span = Assert.Single(finished, span => (string?)span.GetTagItem("http.response.header.request-id") == requestId);
        Assert.Equal("trace-me-7", span.GetTagItem("http.request.header.client-request-id"));
        Assert.Equal(201, span.GetTagItem("http.response.status_code"));

        // The storage call is a span of the same trace.
        Assert.Contains(finished, storage => storage.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && storage.TraceId == span.TraceId);
    }

    [Fact]
    public async Task OneCreatesSpansAreItsRequestNamedForItsOperationAndTheTableInsertWithin()
    {
        var spans = new List<Activity>();
        await using var own = StartTracedApi(spans);
        string user = Paths.NewUser();

        var response = await own.PostAsync(Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        string requestId = Assert.Single(response.Headers.GetValues("request-id"));
        own.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var finished = spans.ToArray();
        var request = Assert.Single(finished, span => (string?)span.GetTagItem("http.response.header.request-id") == requestId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("CreatePhoto", request.DisplayName);
        Assert.Equal("CreatePhoto", request.GetTagItem(ProfileTelemetry.OperationTag));
        Assert.Equal(201, request.GetTagItem("http.response.status_code"));

        // The insert (one entity-group transaction with the user's photo count) is the request's child, in its trace, and
        // its HTTP call to the table service says how it went: a batch is answered 202.
        var insert = Assert.Single(finished, span => span.DisplayName == "TableClient.SubmitTransaction" && span.ParentSpanId == request.SpanId);
        Assert.Equal(request.TraceId, insert.TraceId);
        Assert.NotEqual(ActivityStatusCode.Error, insert.Status);
        var call = Assert.Single(finished, span => span.Kind == ActivityKind.Client && span.ParentSpanId == insert.SpanId);
        Assert.Equal(202, Convert.ToInt32(call.GetTagItem("http.response.status_code") ?? call.GetTagItem("http.status_code"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CreatesAreCountedByResourceAndErrorsByStatusAndCode()
    {
        var metrics = new List<Metric>();
        await using var own = StartMeasuredApi(metrics);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Profile(user), token, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await own.PostAsync(Paths.Profile(user), token, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Photos(user), token, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Photos(user), token, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.PostAsync(Paths.Photos(user), null, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.PostAsync(Paths.Photos(user), token, "[]")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.PostAsync(Paths.Photos(user), token, "{\"height\": 1.5}")).StatusCode);

        var creates = Measured(own, metrics, "profilefunctions.creates");
        Assert.Equal(1, Sum(creates, point => Tag(point, "profilefunctions.resource") == "profile"));
        Assert.Equal(2, Sum(creates, point => Tag(point, "profilefunctions.resource") == "photo"));
        var errors = Measured(own, metrics, "profilefunctions.errors");
        Assert.Equal(1, Sum(errors, point => Tag(point, "http.response.status_code") == "409" && Tag(point, "error.type") == "Conflict"));
        Assert.Equal(1, Sum(errors, point => Tag(point, "http.response.status_code") == "401" && Tag(point, "error.type") == "InvalidAuthenticationToken"));
        Assert.Equal(2, Sum(errors, point => Tag(point, "http.response.status_code") == "400" && Tag(point, "error.type") == "BadRequest"));
    }

    [Fact]
    public async Task ThrottledRequestsAreCounted()
    {
        var metrics = new List<Metric>();
        await using var own = StartMeasuredApi(metrics, new Dictionary<string, string?> { ["ProfileApi:RateLimit:PermitsPerMinute"] = "1" });
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Profile(user), token, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await own.PostAsync(Paths.Profile(user), token, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await own.PostAsync(Paths.Photos(user), token, "{}")).StatusCode);

        var errors = Measured(own, metrics, "profilefunctions.errors");
        Assert.Equal(2, Sum(errors, point => Tag(point, "http.response.status_code") == "429" && Tag(point, "error.type") == "TooManyRequests"));
    }

    [Fact]
    public async Task StorageOutOfReachIsCountedAsServiceUnavailable()
    {
        var metrics = new List<Metric>();
        string refusing = api.Azurite.ConnectionString.Replace($"127.0.0.1:{api.Azurite.Port}/", $"127.0.0.1:{FreePort.Next()}/", StringComparison.Ordinal);
        await using var own = StartMeasuredApi(metrics, new Dictionary<string, string?> { ["ProfileStorage"] = refusing });
        string user = Paths.NewUser();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);

        var errors = Measured(own, metrics, "profilefunctions.errors");
        Assert.Equal(1, Sum(errors, point => Tag(point, "http.response.status_code") == "503" && Tag(point, "error.type") == "ServiceUnavailable"));
    }

    [Fact]
    public async Task AnUploadsDecodeIsTimed()
    {
        var metrics = new List<Metric>();
        await using var own = StartMeasuredApi(metrics);
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await own.PostAsync(Paths.Photos(user), token, "{}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string location = created.Headers.Location!.AbsolutePath;

        // Other tests decode images in this process meanwhile (the meter is the process's): the upload's decode is the
        // difference the PUT makes.
        long before = DecodesOfWebp();
        var put = new HttpRequestMessage(HttpMethod.Put, location + "/$value") { Content = new ByteArrayContent(TestImages.Webp()) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("image/webp");
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await own.Client.SendAsync(put, TestContext.Current.CancellationToken)).StatusCode);

        Assert.True(DecodesOfWebp() > before);

        long DecodesOfWebp()
        {
            return Measured(own, metrics, "profilefunctions.image.decode.duration")
                .Where(point => Tag(point, "profilefunctions.image.content_type") == "image/webp" && Tag(point, "error.type") is null)
                .Sum(point => point.GetHistogramCount());
        }
    }

    [Fact]
    [Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
    public async Task OverOtlpACreateIsOneTraceWithOneRequestNamedForItsOperationAndTheInsertBeneath()
    {
        // On the Functions lane a host of its own under func (host.json's "telemetryMode": "OpenTelemetry"): the host
        // exports the request's span, the worker its invocation's; else the local host in memory, whose request span it is.
        using var collector = new OtlpCollector();
        await using var host = await HostUnderTest.StartAsync(api, collector.Settings);
        string user = Paths.NewUser();

        var response = await ApiFixture.PostAsync(host.Client, Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        string requestId = Assert.Single(response.Headers.GetValues("request-id"));
        CollectedSpan? operation = null;
        CollectedSpan? insert = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((operation is null || insert is null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            var spans = collector.Spans;
            operation = spans.FirstOrDefault(span => Equals(span.Attributes.GetValueOrDefault("http.response.header.request-id"), requestId));
            insert = spans.FirstOrDefault(span => span.Name == "TableClient.SubmitTransaction" && span.ParentSpanId == operation?.SpanId);
        }

        Assert.NotNull(operation);
        Assert.Equal("CreatePhoto", operation.Name);
        Assert.Equal("CreatePhoto", operation.Attributes[ProfileTelemetry.OperationTag]);
        Assert.NotNull(insert);
        Assert.Equal(operation.TraceId, insert.TraceId);
        Assert.NotEqual(CollectedSpan.Error, insert.StatusCode);

        // One request span in the trace, with the create's status: the local host's is the operation's span; under func the
        // host's is its parent (the worker's ASP.NET Core request would be a second one).
        var request = Assert.Single(collector.Spans, span => span.TraceId == operation.TraceId && span.Kind == CollectedSpan.Server);
        Assert.Equal(201L, request.Attributes["http.response.status_code"]);
        Assert.Equal(FunctionsHostProcess.Lane ? operation.ParentSpanId : operation.SpanId, request.SpanId);
    }

    [Fact]
    public async Task RequestsAndStorageCallsAreMeasured()
    {
        var metrics = new List<Metric>();
        await using var own = StartMeasuredApi(metrics);
        string user = Paths.NewUser();

        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);

        var storage = Measured(own, metrics, "profilefunctions.storage.duration");
        Assert.Contains(storage, point => Tag(point, "operation") == "insert" && Tag(point, "outcome") == "Done" && point.GetHistogramCount() >= 1);
        Assert.Contains(storage, point => Tag(point, "operation") == "insert" && Tag(point, "outcome") == "AlreadyExists");
        var requests = Measured(own, metrics, "http.server.request.duration");
        Assert.Contains(requests, point => Tag(point, "http.response.status_code") == "201");
        Assert.Contains(requests, point => Tag(point, "http.response.status_code") == "409");
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/", false, true)]
    [InlineData(null, true, true)]
    [InlineData(null, false, true, "http://127.0.0.1:4318")]
    public void TelemetryIsCollectedOnlyWhenItIsExported(string? connectionString, bool console, bool collected, string? otlpEndpoint = null)
    {
        var settings = api.Settings(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connectionString,
            ["ProfileTelemetry:Console"] = console ? "true" : null,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
        });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProfileApi(new ConfigurationBuilder().AddInMemoryCollection(settings!).Build());
        using var provider = services.BuildServiceProvider();

        Assert.Equal(collected, provider.GetService<TracerProvider>() is not null);
        Assert.Equal(collected, provider.GetService<MeterProvider>() is not null);
    }

    [Theory]
    [InlineData("ClientId=3c5a1b2d-0e4f-4a6b-8c7d-9e0f1a2b3c4d;Authorization=AAD", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("authorization=aad", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Authorization=Key", false)]
    public void TelemetryIsSentWithTheManagedIdentityWhenEntraAuthenticationIsAsked(string? authentication, bool withIdentity) =>
        Assert.Equal(withIdentity, ProfileTelemetry.AzureMonitorCredential(authentication) is not null);

    private OwnApi StartTracedApi(List<Activity> spans) =>
        api.StartOwnApi(services: services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddProfileApiInstrumentation().AddInMemoryExporter(spans)));

    private OwnApi StartMeasuredApi(List<Metric> metrics, IReadOnlyDictionary<string, string?>? changes = null) =>
        api.StartOwnApi(changes, services: services => services.AddOpenTelemetry()
            .WithMetrics(meters => meters.AddProfileApiInstrumentation().AddInMemoryExporter(metrics)));

    // What the API has measured under one name since it started (cumulative: each reading holds every recording so far).
    private static List<MetricPoint> Measured(OwnApi own, List<Metric> metrics, string name)
    {
        metrics.Clear();
        own.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return metrics.Where(metric => metric.Name == name).SelectMany(Points).ToList();
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static long Sum(List<MetricPoint> points, Func<MetricPoint, bool> which) =>
        points.Where(which).Sum(point => point.GetSumLong());

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
