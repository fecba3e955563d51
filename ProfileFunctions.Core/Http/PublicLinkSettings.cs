using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Http;

/// <summary>The <c>ProfileApi</c> section's <c>PublicBaseUrl</c>: the absolute base of the API's own links, when set.</summary>
internal sealed class PublicLinkSettings
{
    public const string SectionName = "ProfileApi";

    public string? PublicBaseUrl { get; set; }
}

/// <summary>Fails start-up naming <c>ProfileApi__PublicBaseUrl</c> when it is set but is not an absolute http(s) base.</summary>
internal sealed class PublicLinkSettingsValidator : IValidateOptions<PublicLinkSettings>
{
    public ValidateOptionsResult Validate(string? name, PublicLinkSettings options)
    {
        string? value = options.PublicBaseUrl;
        if (string.IsNullOrEmpty(value))
        {
            return ValidateOptionsResult.Success;
        }

        bool valid = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Length > 0
            && uri.UserInfo.Length == 0
            && uri.Query.Length == 0
            && uri.Fragment.Length == 0
            && !value.Contains('?', StringComparison.Ordinal)
            && !value.Contains('#', StringComparison.Ordinal);
        return valid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting ProfileApi__PublicBaseUrl ('{value}') must be an absolute http or https URL, optionally with a path and no query or fragment, e.g. https://<app>.azurewebsites.net.");
    }
}
