using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ProfileFunctions.Core.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs for the API: exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is, to the
/// console when <c>ProfileTelemetry__Console</c> is true, and not collected at all otherwise, so that a host that exports
/// nothing pays nothing.
/// </summary>
public static class ProfileTelemetry
{
    /// <summary>The name of the API's own meter.</summary>
    public const string MeterName = "ProfileFunctions";

    internal const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    internal const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    internal const string ConsoleSetting = "ProfileTelemetry:Console";

    /// <summary>The OpenTelemetry SDK's own setting, which the OTLP exporter reads with the rest of <c>OTEL_EXPORTER_OTLP_*</c>.</summary>
    internal const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The tag on each request's span that names its operation, as the route table does (<c>CreatePhoto</c>).</summary>
    public const string OperationTag = "profilefunctions.operation";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Creates answered 201 (a keyed repeat's too), by resource.</summary>
    internal static readonly Counter<long> Creates = Meter.CreateCounter<long>(
        "profilefunctions.creates",
        unit: "{create}",
        description: "Creates answered 201, by resource.");

    /// <summary>
    /// Every answer in the contract's error format, by status and error code: the 4xx by code, conflicts (409), throttled
    /// requests (429), storage or decoding out of reach (503) and the last-resort 500.
    /// </summary>
    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "profilefunctions.errors",
        unit: "{response}",
        description: "Error responses, by HTTP status and the contract's error code.");

    /// <summary>How long an uploaded image took to decode (the budget's wait excluded), by format and outcome.</summary>
    internal static readonly Histogram<double> DecodeDuration = Meter.CreateHistogram<double>(
        "profilefunctions.image.decode.duration",
        unit: "s",
        description: "Duration of decoding an uploaded image to check its pixels.");

    /// <summary>How long each storage operation took, retries included, by operation, table and outcome.</summary>
    internal static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(
        "profilefunctions.storage.duration",
        unit: "s",
        description: "Duration of Table Storage operations, retries included.");

    /// <summary>
    /// The API's spans: each request (with its <c>request-id</c>) and the Azure SDK's storage calls within it.
    /// </summary>
    /// <param name="tracing">The host's tracer provider.</param>
    public static TracerProviderBuilder AddProfileApiInstrumentation(this TracerProviderBuilder tracing) =>
        tracing.AddProfileApiSpans(TelemetryHost.AspNetCore);

    private static TracerProviderBuilder AddProfileApiSpans(this TracerProviderBuilder tracing, TelemetryHost host)
    {
        // ASP.NET Core names a request's span after its route when the request ends; the operation's name is put back.
        if (host.RecordsRequests)
        {
            tracing.AddAspNetCoreInstrumentation(options => options.EnrichWithHttpResponse = static (span, _) => KeepOperationName(span));
        }

        return tracing.AddSource("Azure.*");
    }

    /// <summary>
    /// The current span when a tracer records it, else null. ASP.NET Core starts an activity for every request even when
    /// nothing listens (for its log scopes): tagging that one would cost each request of a host that exports nothing.
    /// </summary>
    internal static Activity? RecordedSpan =>
        Activity.Current is { IsAllDataRequested: true } span && span.Source.HasListeners() ? span : null;

    /// <summary>
    /// Names the current request's span after its operation, as a tag (<see cref="OperationTag"/>) and as its display
    /// name. Every operation's answer calls it, in both hosts: the span is ASP.NET Core's request under the local host, the
    /// worker's invocation under the Functions host.
    /// </summary>
    internal static void NameOperation(string operation)
    {
        if (RecordedSpan is { } span)
        {
            span.SetTag(OperationTag, operation);
            span.DisplayName = operation;
        }
    }

    private static void KeepOperationName(Activity span)
    {
        if (span.GetTagItem(OperationTag) is string operation)
        {
            span.DisplayName = operation;
        }
    }

    // Each recording returns at once when no meter listens: no tags are built (a boxed status code would be an allocation).
    internal static void RecordCreate(string resource)
    {
        if (Creates.Enabled)
        {
            Creates.Add(1, new KeyValuePair<string, object?>("profilefunctions.resource", resource));
        }
    }

    internal static void RecordError(int status, string code)
    {
        if (Errors.Enabled)
        {
            Errors.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status), new KeyValuePair<string, object?>("error.type", code));
        }
    }

    /// <param name="elapsed">The decode's time.</param>
    /// <param name="contentType">The image's media type (one of the four a photo may have).</param>
    /// <param name="failure">Why it did not decode (the decoder's result), or null when it did.</param>
    internal static void RecordDecode(TimeSpan elapsed, string contentType, string? failure)
    {
        if (!DecodeDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "profilefunctions.image.content_type", contentType } };
        if (failure is not null)
        {
            tags.Add("error.type", failure);
        }

        DecodeDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>
    /// The API's metrics: request count, duration and status (ASP.NET Core's <c>http.server.request.duration</c>) and
    /// storage call duration (<c>profilefunctions.storage.duration</c>).
    /// </summary>
    /// <param name="metrics">The host's meter provider.</param>
    public static MeterProviderBuilder AddProfileApiInstrumentation(this MeterProviderBuilder metrics) =>
        metrics.AddAspNetCoreInstrumentation().AddMeter(MeterName);

    internal static IServiceCollection AddProfileTelemetry(this IServiceCollection services, IConfiguration configuration, TelemetryHost host)
    {
        string? connectionString = configuration[ConnectionStringSetting];
        bool azureMonitor = !string.IsNullOrWhiteSpace(connectionString);
        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        bool console = configuration.GetValue<bool>(ConsoleSetting);
        if (!azureMonitor && !otlp && !console)
        {
            return services;
        }

        var credential = AzureMonitorCredential(configuration[AuthenticationStringSetting]);
        void Configure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ProfileFunctions"))
            .WithTracing(tracing =>
            {
                tracing.AddProfileApiSpans(host);
                if (azureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter(Configure);
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddProfileApiInstrumentation();
                if (azureMonitor)
                {
                    metrics.AddAzureMonitorMetricExporter(Configure);
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });

        // Logs already reach the console through the host's own logging; Azure Monitor gets them here.
        if (azureMonitor)
        {
            telemetry.WithLogging(logging => logging.AddAzureMonitorLogExporter(Configure));
        }

        // Traces, metrics and logs, to the endpoint and protocol of the OTEL_EXPORTER_OTLP_* settings.
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        host.Configure?.Invoke(telemetry);
        return services;
    }

    /// <summary>
    /// The identity that sends telemetry when local authentication is off: <c>Authorization=AAD</c>, with the
    /// <c>ClientId</c> of a user-assigned identity or without one for the system-assigned identity.
    /// </summary>
    internal static TokenCredential? AzureMonitorCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = authenticationString };
        if (!parts.TryGetValue("Authorization", out object? authorization) || !string.Equals(authorization as string, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out object? clientId) && clientId is string { Length: > 0 } id
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
