using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Access;

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
