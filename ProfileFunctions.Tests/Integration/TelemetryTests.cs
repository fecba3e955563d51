using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Telemetry;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class TelemetryTests(ApiFixture api)
{
    [Fact]
    public async Task EachRequestsSpanCarriesTheRequestIdItsResponseGave()
    {
        var spans = new List<Activity>();
        await using var own = api.StartOwnApi(services: services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddProfileApiInstrumentation().AddInMemoryExporter(spans)));
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
    public async Task RequestsAndStorageCallsAreMeasured()
    {
        var metrics = new List<Metric>();
        await using var own = api.StartOwnApi(services: services => services.AddOpenTelemetry()
            .WithMetrics(meters => meters.AddProfileApiInstrumentation().AddInMemoryExporter(metrics)));
        string user = Paths.NewUser();

        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);
        own.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var storage = metrics.Where(metric => metric.Name == "profilefunctions.storage.duration").SelectMany(Points).ToList();
        Assert.Contains(storage, point => Tag(point, "operation") == "insert" && Tag(point, "outcome") == "Done" && point.GetHistogramCount() >= 1);
        Assert.Contains(storage, point => Tag(point, "operation") == "insert" && Tag(point, "outcome") == "AlreadyExists");
        var requests = metrics.Where(metric => metric.Name == "http.server.request.duration").SelectMany(Points).ToList();
        Assert.Contains(requests, point => Tag(point, "http.response.status_code") == "201");
        Assert.Contains(requests, point => Tag(point, "http.response.status_code") == "409");
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/", false, true)]
    [InlineData(null, true, true)]
    public void TelemetryIsCollectedOnlyWhenItIsExported(string? connectionString, bool console, bool collected)
    {
        var settings = api.Settings(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connectionString,
            ["ProfileTelemetry:Console"] = console ? "true" : null,
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

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

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
