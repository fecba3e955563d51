using System.Globalization;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// <c>ProfileApi__DecodeBudgetMegapixels</c>: how many megapixels the images being decoded at once may hold in all, in
/// this process (default 50: about 200 MB of decoded pixels at 4 bytes each).
/// </summary>
internal sealed class DecodeBudgetSettings
{
    public const string SectionName = "ProfileApi";

    public const int DefaultMegapixels = 50;

    public const int MaxMegapixels = 1_000_000;

    /// <summary>The setting as configured: a whole number of megapixels, or null for the default.</summary>
    public string? DecodeBudgetMegapixels { get; set; }

    /// <summary>The validated budget, or the default.</summary>
    public int Megapixels => TryParse(DecodeBudgetMegapixels, out int megapixels) ? megapixels : DefaultMegapixels;

    public static bool TryParse(string? text, out int megapixels)
    {
        megapixels = DefaultMegapixels;
        return string.IsNullOrWhiteSpace(text)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out megapixels)
                && megapixels is >= 1 and <= MaxMegapixels);
    }
}

/// <summary>Fails start-up naming <c>ProfileApi__DecodeBudgetMegapixels</c> when it is set but is not 1 to 1,000,000.</summary>
internal sealed class DecodeBudgetSettingsValidator : IValidateOptions<DecodeBudgetSettings>
{
    public ValidateOptionsResult Validate(string? name, DecodeBudgetSettings options) =>
        DecodeBudgetSettings.TryParse(options.DecodeBudgetMegapixels, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting ProfileApi__DecodeBudgetMegapixels ('{options.DecodeBudgetMegapixels}') must be a whole number of megapixels from 1 to {DecodeBudgetSettings.MaxMegapixels:N0} (default {DecodeBudgetSettings.DefaultMegapixels}).");
}
