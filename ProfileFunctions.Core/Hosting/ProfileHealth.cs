using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Hosting;

/// <summary>Healthy when Table Storage answers a query within the storage budget.</summary>
internal sealed class StorageHealthCheck(TableStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        (await store.PingAsync(cancellationToken)).Outcome == StoreOutcome.Done
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy();
}

/// <summary>The health endpoint's registration and its answers.</summary>
public static class ProfileHealth
{
    private static readonly byte[] Healthy = """{"status":"Healthy"}"""u8.ToArray();

    /// <summary>Adds the Table Storage check (of the storage <c>AddProfileApi</c> registered).</summary>
    /// <param name="checks">The host's health checks.</param>
    public static IHealthChecksBuilder AddProfileStorageCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<StorageHealthCheck>("table-storage");

    /// <summary>
    /// 200 <c>{"status":"Healthy"}</c>, or 503 in the contract's error format. Neither says anything about the
    /// configuration or the failure.
    /// </summary>
    /// <param name="context">The probe's request.</param>
    /// <param name="report">The checks' results.</param>
    public static Task WriteAsync(HttpContext context, HealthReport report) => Answer(report).ExecuteAsync(context);

    /// <summary>Runs the checks and answers as <see cref="WriteAsync"/> does: for a host that serves the probe as a function.</summary>
    /// <param name="health">The host's health checks.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<IResult> CheckAsync(HealthCheckService health, CancellationToken cancellationToken) =>
        Answer(await health.CheckHealthAsync(cancellationToken));

    private static IResult Answer(HealthReport report) => report.Status == HealthStatus.Healthy
        ? Results.Bytes(Healthy, JsonContent.MediaType)
        : ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
}
