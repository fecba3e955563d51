using System.Data.Common;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ProfileFunctions.Core.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs for the API: exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to the console when <c>ProfileTelemetry__Console</c> is true,
/// and not collected at all otherwise, so that a host that exports nothing pays nothing.
/// </summary>
public static class ProfileTelemetry
{
    /// <summary>The name of the API's own meter.</summary>
    public const string MeterName = "ProfileFunctions";

    internal const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    internal const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    internal const string ConsoleSetting = "ProfileTelemetry:Console";

    private static readonly Meter Meter = new(MeterName);

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
        tracing.AddAspNetCoreInstrumentation().AddSource("Azure.*");

    /// <summary>
    /// The API's metrics: request count, duration and status (ASP.NET Core's <c>http.server.request.duration</c>) and
    /// storage call duration (<c>profilefunctions.storage.duration</c>).
    /// </summary>
    /// <param name="metrics">The host's meter provider.</param>
    public static MeterProviderBuilder AddProfileApiInstrumentation(this MeterProviderBuilder metrics) =>
        metrics.AddAspNetCoreInstrumentation().AddMeter(MeterName);

    internal static IServiceCollection AddProfileTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        string? connectionString = configuration[ConnectionStringSetting];
        bool azureMonitor = !string.IsNullOrWhiteSpace(connectionString);
        bool console = configuration.GetValue<bool>(ConsoleSetting);
        if (!azureMonitor && !console)
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
                tracing.AddProfileApiInstrumentation();
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
