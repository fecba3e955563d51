using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// A setting that counts something: a whole number from 1 to 1,000,000, or unset for its default. Set to anything else,
/// it stops the host at start naming itself, with the other settings.
/// </summary>
/// <param name="Key">The configuration key (<c>:</c> between sections).</param>
/// <param name="Default">The value when it is not set.</param>
/// <param name="Unit">What it counts, in the refusal's words.</param>
internal sealed record CountSetting(string Key, int Default, string Unit)
{
    public const int Max = 1_000_000;

    /// <summary>Each caller's requests a minute on each instance (API.md, "Throttling").</summary>
    public static readonly CountSetting PermitsPerMinute = new("ProfileApi:RateLimit:PermitsPerMinute", 600, "requests a minute");

    /// <summary>The megapixels the images being decoded at once may hold in all (API.md, "Hardening"): about 200 MB at 4 bytes a pixel.</summary>
    public static readonly CountSetting DecodeBudgetMegapixels = new("ProfileApi:DecodeBudgetMegapixels", 50, "megapixels");

    /// <summary>The photos a user may hold (API.md, "Throttling").</summary>
    public static readonly CountSetting MaxPhotosPerUser = new("ProfileApi:MaxPhotosPerUser", 1_000, "photos");

    /// <summary>The name as an environment variable or app setting gives it: <c>ProfileApi__RateLimit__PermitsPerMinute</c>.</summary>
    public string Name => Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The value of <paramref name="text"/>, the default when it is blank; false when it is anything else.</summary>
    public bool TryParse(string? text, out int value)
    {
        value = Default;
        return string.IsNullOrWhiteSpace(text)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= Max);
    }

    public string Refusal(string? text) =>
        string.Create(CultureInfo.InvariantCulture, $"Setting {Name} ('{text}') must be a whole number of {Unit} from 1 to {Max:N0} (default {Default:N0}).");
}

/// <summary>A count setting's text as configured: options named by the setting's key.</summary>
internal sealed class CountSettingText
{
    public string? Text { get; set; }
}

internal static class CountSettingRegistration
{
    /// <summary>Reads <paramref name="setting"/> from configuration, validated when the host starts.</summary>
    public static IServiceCollection AddCountSetting(this IServiceCollection services, IConfiguration configuration, CountSetting setting)
    {
        services.AddOptions<CountSettingText>(setting.Key).Configure(options => options.Text = configuration[setting.Key]).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CountSettingText>>(new CountSettingValidator(setting));
        return services;
    }

    /// <summary>The validated value of <paramref name="setting"/>, or its default.</summary>
    public static int GetCount(this IServiceProvider provider, CountSetting setting) =>
        setting.TryParse(provider.GetRequiredService<IOptionsMonitor<CountSettingText>>().Get(setting.Key).Text, out int value) ? value : setting.Default;
}

/// <summary>Fails start-up naming the setting when it is set but is not a whole number from 1 to 1,000,000.</summary>
internal sealed class CountSettingValidator(CountSetting setting) : IValidateOptions<CountSettingText>
{
    public ValidateOptionsResult Validate(string? name, CountSettingText options) =>
        name != setting.Key ? ValidateOptionsResult.Skip
        : setting.TryParse(options.Text, out _) ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail(setting.Refusal(options.Text));
}
