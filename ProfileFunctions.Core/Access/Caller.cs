using System.Security.Claims;
using Microsoft.Identity.Web;

namespace ProfileFunctions.Core.Access;

/// <summary>
/// What the claims rules need to know of a validated token. Claims may arrive under their short names
/// (<c>oid</c>, <c>scp</c>, <c>roles</c>) or mapped to long ones, depending on the host: both are read.
/// </summary>
internal sealed class Caller
{
    private static readonly string[] ScopeClaimTypes = [ClaimConstants.Scp, ClaimConstants.Scope];
    private static readonly string[] RoleClaimTypes = [ClaimConstants.Roles, ClaimConstants.Role];

    // The calling application: azp in v2.0 tokens, appid in v1.0 tokens.
    private const string AuthorizedPartyClaim = "azp";
    private const string AppIdClaim = "appid";

    public Caller(string? objectId, IReadOnlyCollection<string> scopes, IReadOnlyCollection<string> roles, bool isDelegated, string? applicationId)
    {
        ObjectId = objectId;
        Scopes = scopes;
        Roles = roles;
        IsDelegated = isDelegated;
        ApplicationId = applicationId;
    }

    public string? ObjectId { get; }

    public IReadOnlyCollection<string> Scopes { get; }

    public IReadOnlyCollection<string> Roles { get; }

    /// <summary>A token with an <c>scp</c> claim acts for a user; one without is an application's own.</summary>
    public bool IsDelegated { get; }

    /// <summary><c>azp</c> (v2.0 tokens) or <c>appid</c> (v1.0 tokens).</summary>
    public string? ApplicationId { get; }

    /// <summary>Who created a resource: the user of a delegated token, the application of an application token.</summary>
    public string CreatedBy => (IsDelegated ? ObjectId : ApplicationId) ?? string.Empty;

    public static Caller From(ClaimsPrincipal principal)
    {
        var scopeClaims = principal.Claims.Where(claim => ScopeClaimTypes.Contains(claim.Type)).ToList();
        string[] scopes = scopeClaims
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        string[] roles = principal.Claims
            .Where(claim => RoleClaimTypes.Contains(claim.Type))
            .Select(claim => claim.Value)
            .ToArray();
        string? applicationId = principal.FindFirst(AuthorizedPartyClaim)?.Value ?? principal.FindFirst(AppIdClaim)?.Value;

        return new Caller(principal.GetObjectId(), scopes, roles, scopeClaims.Count > 0, applicationId);
    }
}
