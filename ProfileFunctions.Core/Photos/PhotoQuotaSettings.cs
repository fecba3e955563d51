using System.Globalization;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Photos;

/// <summary><c>ProfileApi__MaxPhotosPerUser</c>: how many photos a user may hold (default 1,000).</summary>
internal sealed class PhotoQuotaSettings
{
    public const string SectionName = "ProfileApi";

    public const int DefaultMaxPhotos = 1_000;

    public const int Largest = 1_000_000;

    /// <summary>The setting as configured: a whole number, or null for the default.</summary>
    public string? MaxPhotosPerUser { get; set; }

    /// <summary>The validated limit, or the default.</summary>
    public int MaxPhotos => TryParse(MaxPhotosPerUser, out int limit) ? limit : DefaultMaxPhotos;

    public static bool TryParse(string? text, out int limit)
    {
        limit = DefaultMaxPhotos;
        return string.IsNullOrWhiteSpace(text)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= Largest);
    }
}

/// <summary>Fails start-up naming <c>ProfileApi__MaxPhotosPerUser</c> when it is set but is not 1 to 1,000,000.</summary>
internal sealed class PhotoQuotaSettingsValidator : IValidateOptions<PhotoQuotaSettings>
{
    public ValidateOptionsResult Validate(string? name, PhotoQuotaSettings options) =>
        PhotoQuotaSettings.TryParse(options.MaxPhotosPerUser, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting ProfileApi__MaxPhotosPerUser ('{options.MaxPhotosPerUser}') must be a whole number of photos from 1 to {PhotoQuotaSettings.Largest:N0} (default {PhotoQuotaSettings.DefaultMaxPhotos:N0}).");
}
