using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// Makes <c>Location</c> and <c>@odata.nextLink</c> absolute, as Microsoft Graph's are, so that SDK page iterators
/// (<c>WithUrl(nextLink)</c>) follow them as they are: on <c>ProfileApi__PublicBaseUrl</c> when set, else on the
/// scheme and <c>Host</c> the request arrived with. <c>X-Forwarded-*</c> and <c>Forwarded</c> are never read: any
/// client can send them, and ASP.NET Core's forwarded-headers middleware trusts loopback proxies by default.
/// </summary>
internal sealed class PublicLinks(IOptions<PublicLinkSettings> settings)
{
    private readonly string? _base = settings.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : null;

    public static IServiceCollection AddPublicLinks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicLinkSettings>()
            .Configure(options => options.PublicBaseUrl = configuration[$"{PublicLinkSettings.SectionName}:{nameof(PublicLinkSettings.PublicBaseUrl)}"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicLinkSettings>, PublicLinkSettingsValidator>();
        services.AddSingleton<PublicLinks>();
        return services;
    }

    /// <summary>The absolute URL of <paramref name="path"/> (which starts with '/') for this request.</summary>
    public string For(HttpRequest request, string path) =>
        (_base ?? $"{request.Scheme}://{request.Host.ToUriComponent()}") + path;
}

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
