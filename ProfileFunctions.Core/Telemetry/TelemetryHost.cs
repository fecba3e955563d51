using OpenTelemetry;

namespace ProfileFunctions.Core.Telemetry;

/// <summary>What the host running the API adds to its telemetry, when telemetry is exported at all.</summary>
public sealed class TelemetryHost
{
    private TelemetryHost(bool recordsRequests, Action<OpenTelemetryBuilder>? configure)
    {
        RecordsRequests = recordsRequests;
        Configure = configure;
    }

    /// <summary>A plain ASP.NET Core host: ASP.NET Core's span of each request is the request's span.</summary>
    public static TelemetryHost AspNetCore { get; } = new(recordsRequests: true, configure: null);

    /// <summary>Whether the API records each request's span itself (from ASP.NET Core).</summary>
    internal bool RecordsRequests { get; }

    internal Action<OpenTelemetryBuilder>? Configure { get; }

    /// <summary>
    /// The Functions worker: the Functions host records each request's span (host.json <c>"telemetryMode":
    /// "OpenTelemetry"</c>) and the worker its invocation's, so ASP.NET Core's span of the request the host forwards to the
    /// worker would record every request twice.
    /// </summary>
    /// <param name="workerDefaults">The worker's own set-up (<c>UseFunctionsWorkerDefaults</c>): its invocation spans, its resource, and telling the host that the worker exports its own logs.</param>
    public static TelemetryHost Functions(Action<OpenTelemetryBuilder> workerDefaults) => new(recordsRequests: false, workerDefaults);
}
