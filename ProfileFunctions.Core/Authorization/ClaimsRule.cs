using ProfileFunctions.Core.Authentication;

namespace ProfileFunctions.Core.Authorization;

/// <summary>Who may create a resource for a user.</summary>
internal static class ClaimsRule
{
    /// <summary>The application permission (or admin app role) that may act for any user.</summary>
    public const string AnyUserRole = "Profile.ReadWrite.All";

    /// <summary>The delegated scope that lets a user act for themselves.</summary>
    public const string OwnScope = "Profile.ReadWrite";

    /// <param name="caller">The validated token's claims.</param>
    /// <param name="userId">The stored userId, with <c>me</c> already resolved to the caller's <c>oid</c>.</param>
    public static bool Allows(Caller caller, string userId) =>
        caller.Roles.Contains(AnyUserRole, StringComparer.Ordinal)
        || (caller.Scopes.Contains(OwnScope, StringComparer.Ordinal)
            && caller.ObjectId is not null
            && string.Equals(caller.ObjectId, userId, StringComparison.OrdinalIgnoreCase));
}
