using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.Testing;

/// <summary>What a test token says; the defaults are a valid v2.0 delegated token for a new user.</summary>
public sealed record TokenRequest
{
    public string? ObjectId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The <c>scp</c> claim; null makes an application token.</summary>
    public string? Scopes { get; init; } = "Profile.ReadWrite";

    public string[]? Roles { get; init; }

    /// <summary>"1.0" puts the calling app in <c>appid</c> and the token comes from the v1.0 issuer; "2.0" uses <c>azp</c> and the v2.0 issuer.</summary>
    public string Version { get; init; } = "2.0";

    public string AppId { get; init; } = "c5b7a1e2-0d4f-4a3b-9c8e-7f6a5b4c3d2e";

    public string? Audience { get; init; }

    public string? Issuer { get; init; }

    public string TenantId { get; init; } = TestIssuer.TenantId;

    public DateTime? NotBefore { get; init; }

    public DateTime? Expires { get; init; }

    /// <summary>Sign with this key instead of the issuer's current one.</summary>
    public SigningCredentials? SigningCredentials { get; init; }

    /// <summary>No signature at all: <c>alg: none</c>.</summary>
    public bool WithoutSignature { get; init; }

    public static TokenRequest Delegated(string objectId, string scopes = "Profile.ReadWrite") =>
        new() { ObjectId = objectId, Scopes = scopes };

    public static TokenRequest Application(params string[] roles) =>
        new() { Scopes = null, Roles = roles };
}
