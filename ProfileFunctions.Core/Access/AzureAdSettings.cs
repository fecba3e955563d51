namespace ProfileFunctions.Core.Access;

/// <summary>The <c>AzureAd</c> section, as Microsoft.Identity.Web reads it; kept here to validate it at start-up.</summary>
internal sealed class AzureAdSettings
{
    public const string SectionName = "AzureAd";

    public string? Instance { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? Audience { get; set; }

    /// <summary>
    /// A plain-http instance on this machine: a local OpenID Connect issuer for tests and local runs.
    /// The validator allows no other plain-http instance.
    /// </summary>
    public bool IsLocalIssuer =>
        Uri.TryCreate(Instance, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host is "127.0.0.1" or "localhost";

    /// <summary>The v2.0 issuer of the configured tenant on the configured instance.</summary>
    public string Issuer => $"{Instance?.TrimEnd('/')}/{TenantId}/v2.0";

    /// <summary>The v1.0 issuer of the configured tenant on the configured instance (as sts.windows.net is for Entra ID).</summary>
    public string V1Issuer => $"{Instance?.TrimEnd('/')}/{TenantId}/";

    /// <summary>The contract's audiences: the client id, <c>api://</c> + client id, and the configured audience.</summary>
    public IReadOnlyList<string> ValidAudiences =>
        string.IsNullOrWhiteSpace(Audience)
            ? [ClientId!, $"api://{ClientId}"]
            : [ClientId!, $"api://{ClientId}", Audience];
}
