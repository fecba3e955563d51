using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace ProfileFunctions.Core.Access;

/// <summary>
/// Who may act for a user, as one policy evaluated through <see cref="IAuthorizationService"/>: Microsoft.Identity.Web's
/// scope-or-app-permission requirement, and our ownership requirement.
/// </summary>
internal static class ProfileAuthorization
{
    /// <summary>The application permission (or admin app role) that may act for any user.</summary>
    public const string AnyUserRole = "Profile.ReadWrite.All";

    /// <summary>The delegated scope that lets a user act for themselves.</summary>
    public const string OwnScope = "Profile.ReadWrite";

    /// <summary>The policy; its resource is the stored userId.</summary>
    public const string ActForUserPolicy = "ActForUser";

    public static IServiceCollection AddProfileAuthorization(this IServiceCollection services)
    {
        // Identity.Web's AddMicrosoftIdentityWebApi registers the scope-or-app-permission handler too; this keeps the
        // policy whole wherever it is added alone (as the unit tests do).
        services.AddRequiredScopeOrAppPermissionAuthorization();
        services.AddSingleton<IAuthorizationHandler, OwnUserHandler>();
        services.AddAuthorizationBuilder().AddPolicy(ActForUserPolicy, policy => policy
            .RequireScopeOrAppPermission([OwnScope], [AnyUserRole])
            .AddRequirements(new OwnUserRequirement()));
        return services;
    }

    /// <param name="authorization">The host's authorization service.</param>
    /// <param name="user">The validated token's principal.</param>
    /// <param name="userId">The stored userId, with <c>me</c> already resolved to the caller's <c>oid</c>.</param>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string userId) =>
        (await authorization.AuthorizeAsync(user, userId, ActForUserPolicy)).Succeeded;
}

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
