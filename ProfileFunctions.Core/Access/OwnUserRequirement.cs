using Microsoft.AspNetCore.Authorization;

namespace ProfileFunctions.Core.Access;

/// <summary>
/// The userId (the policy's resource) is the caller's own <c>oid</c>, unless the caller holds the app permission to
/// act for any user. With the scope-or-app-permission requirement beside it: the role, or the scope and ownership.
/// </summary>
internal sealed class OwnUserRequirement : IAuthorizationRequirement;

internal sealed class OwnUserHandler : AuthorizationHandler<OwnUserRequirement, string>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnUserRequirement requirement, string resource)
    {
        var caller = Caller.From(context.User);
        if (caller.Roles.Contains(ProfileAuthorization.AnyUserRole, StringComparer.Ordinal)
            || (caller.ObjectId is not null && string.Equals(caller.ObjectId, resource, StringComparison.OrdinalIgnoreCase)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
