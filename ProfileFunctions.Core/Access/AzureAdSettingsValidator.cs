using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Access;

/// <summary>Fails start-up with a message naming each missing or malformed <c>AzureAd</c> setting.</summary>
internal sealed class AzureAdSettingsValidator : IValidateOptions<AzureAdSettings>
{
    // Multi-tenant authorities would accept other tenants' tokens; the contract wants the configured tenant's only.
    private static readonly string[] MultiTenantNames = ["common", "organizations", "consumers"];

    public ValidateOptionsResult Validate(string? name, AzureAdSettings options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Instance))
        {
            failures.Add("Setting AzureAd__Instance is missing: set it to the Entra ID instance, e.g. https://login.microsoftonline.com/.");
        }
        else if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance)
            || (instance.Scheme != Uri.UriSchemeHttps && instance.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Setting AzureAd__Instance ('{options.Instance}') is not an absolute http(s) URL.");
        }
        else if (instance.Scheme == Uri.UriSchemeHttp && !options.IsLocalIssuer)
        {
            failures.Add($"Setting AzureAd__Instance ('{options.Instance}') uses plain http: only https is allowed, except on 127.0.0.1 or localhost for a local issuer.");
        }

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("Setting AzureAd__TenantId is missing: set it to the Directory (tenant) ID of the app registration.");
        }
        else if (MultiTenantNames.Contains(options.TenantId, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Setting AzureAd__TenantId ('{options.TenantId}') names no single tenant: set the Directory (tenant) ID, so that only that tenant's tokens are accepted.");
        }
        else if (!Guid.TryParse(options.TenantId, out _) && Uri.CheckHostName(options.TenantId) != UriHostNameType.Dns)
        {
            failures.Add($"Setting AzureAd__TenantId ('{options.TenantId}') is neither a GUID nor a domain name.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Setting AzureAd__ClientId is missing: set it to the Application (client) ID of this API's app registration.");
        }
        else if (!Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"Setting AzureAd__ClientId ('{options.ClientId}') is not a GUID: use the Application (client) ID.");
        }

        if (options.Audience is not null && string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Setting AzureAd__Audience is empty: remove it, or set the audience the tokens carry.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
