using System.Buffers;
using System.Diagnostics.CodeAnalysis;
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

/// <summary>The route's userId: an object id or a user principal name, or <c>me</c>.</summary>
internal static class UserId
{
    public const int MaxLength = 128;

    public const string Me = "me";

    // Nothing that Table keys forbid (/ \ # ? and control characters) can get through this set.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@");

    public static bool IsWellFormed(ReadOnlySpan<char> value) =>
        value.Length is >= 1 and <= MaxLength && !value.ContainsAnyExcept(Allowed);

    /// <summary>
    /// The userId as stored (PartitionKey): <c>me</c> resolved to the caller's <c>oid</c>, then lower-cased so that
    /// one user never has two partitions.
    /// </summary>
    /// <param name="routeValue">The route value, already percent-decoded by the host.</param>
    /// <param name="callerObjectId">The token's <c>oid</c>, if it has one.</param>
    /// <param name="userId">The stored form.</param>
    /// <param name="error">Why the value cannot be used, in words a client can act on.</param>
    public static bool TryResolve(
        string routeValue,
        string? callerObjectId,
        [NotNullWhen(true)] out string? userId,
        [NotNullWhen(false)] out string? error)
    {
        userId = null;
        string value = routeValue;
        if (string.Equals(value, Me, StringComparison.OrdinalIgnoreCase))
        {
            if (callerObjectId is null)
            {
                error = "'me' needs a token with an oid claim; this token has none, so name the user by id instead.";
                return false;
            }

            value = callerObjectId;
        }

        if (!IsWellFormed(value))
        {
            error = $"The userId must be 1 to {MaxLength} characters from A-Z, a-z, 0-9, '-', '_', '.' and '@' (an object id or a user principal name).";
            return false;
        }

        userId = value.ToLowerInvariant();
        error = null;
        return true;
    }
}
