using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Access;

/// <summary>
/// The contract's throttling: each caller (a delegated token's <c>oid</c>, an application token's <c>azp</c> or
/// <c>appid</c>) has a token bucket of <c>ProfileApi__RateLimit__PermitsPerMinute</c> requests on this instance, refilled
/// continuously (one permit every 60/permits seconds), never queued.
/// </summary>
/// <remarks>
/// Per instance and in memory, as the contract allows: a bucket that is full again is idle, and the partitioned limiter
/// drops it, so a caller who stopped calling costs nothing.
/// </remarks>
internal sealed class CallerRateLimit : IDisposable
{
    private const int MaxRetryAfterSeconds = 60;

    private readonly PartitionedRateLimiter<string> _limiter;

    public CallerRateLimit(int permitsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerMinute, 1);
        PermitsPerMinute = permitsPerMinute;

        // One permit per period, so the bucket refills a permit at a time rather than a minute's worth at once; the
        // partitioned limiter replenishes every bucket on its own timer (it ignores a partition's AutoReplenishment).
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = permitsPerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / permitsPerMinute)),
            AutoReplenishment = true,
            QueueLimit = 0,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => options));
    }

    public int PermitsPerMinute { get; }

    /// <summary>The caller's bucket: a delegated token's user, an application token's application.</summary>
    public static string PartitionOf(Caller caller) =>
        caller.IsDelegated
            ? "user:" + (caller.ObjectId ?? caller.ApplicationId ?? string.Empty).ToLowerInvariant()
            : "app:" + (caller.ApplicationId ?? caller.ObjectId ?? string.Empty).ToLowerInvariant();

    /// <summary>
    /// Takes one permit from the caller's bucket: null when admitted, else the whole seconds until a request would be
    /// (the <c>Retry-After</c>, 1 to 60).
    /// </summary>
    public int? TryAdmit(Caller caller)
    {
        using var lease = _limiter.AttemptAcquire(PartitionOf(caller));
        if (lease.IsAcquired)
        {
            return null;
        }

        double seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter.TotalSeconds : 60.0 / PermitsPerMinute;
        return (int)Math.Clamp(Math.Ceiling(seconds), 1, MaxRetryAfterSeconds);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// <c>ProfileApi__RateLimit__PermitsPerMinute</c>: how many requests a caller may make a minute on this instance
/// (default 600).
/// </summary>
internal sealed class RateLimitSettings
{
    public const string SectionName = "ProfileApi:RateLimit";

    public const int DefaultPermitsPerMinute = 600;

    public const int MaxPermitsPerMinute = 1_000_000;

    /// <summary>The setting as configured: a whole number of requests, or null for the default.</summary>
    public string? PermitsPerMinute { get; set; }

    /// <summary>The validated limit, or the default.</summary>
    public int Permits => TryParse(PermitsPerMinute, out int permits) ? permits : DefaultPermitsPerMinute;

    public static bool TryParse(string? text, out int permits)
    {
        permits = DefaultPermitsPerMinute;
        return string.IsNullOrWhiteSpace(text)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out permits)
                && permits is >= 1 and <= MaxPermitsPerMinute);
    }
}

/// <summary>Fails start-up naming <c>ProfileApi__RateLimit__PermitsPerMinute</c> when it is set but is not 1 to 1,000,000.</summary>
internal sealed class RateLimitSettingsValidator : IValidateOptions<RateLimitSettings>
{
    public ValidateOptionsResult Validate(string? name, RateLimitSettings options) =>
        RateLimitSettings.TryParse(options.PermitsPerMinute, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting ProfileApi__RateLimit__PermitsPerMinute ('{options.PermitsPerMinute}') must be a whole number of requests a minute from 1 to {RateLimitSettings.MaxPermitsPerMinute:N0} (default {RateLimitSettings.DefaultPermitsPerMinute}).");
}

/// <summary>Registers the process's one <see cref="CallerRateLimit"/>, its setting validated at start-up.</summary>
internal static class CallerRateLimitRegistration
{
    public static IServiceCollection AddCallerRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitSettings>()
            .Configure(settings => settings.PermitsPerMinute = configuration[$"{RateLimitSettings.SectionName}:{nameof(RateLimitSettings.PermitsPerMinute)}"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitSettings>, RateLimitSettingsValidator>();
        services.AddSingleton(provider => new CallerRateLimit(provider.GetRequiredService<IOptions<RateLimitSettings>>().Value.Permits));
        return services;
    }
}
