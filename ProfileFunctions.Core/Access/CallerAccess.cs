using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Access;

/// <summary>The checks every operation starts with, in the contract's order: token (401), userId (400), claims (403).</summary>
internal sealed class CallerAccess(IAuthorizationService authorization)
{
    /// <param name="context">The request.</param>
    /// <param name="routeUserId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<AccessDecision> CheckAsync(HttpContext context, string routeUserId)
    {
        var authentication = await context.AuthenticateAsync(ProfileAuthentication.Scheme);
        if (!authentication.Succeeded)
        {
            return AccessDecision.Denied(ProfileAuthentication.Challenge(authentication));
        }

        var principal = authentication.Principal;
        var caller = Caller.From(principal);
        if (!UserId.TryResolve(routeUserId, caller.ObjectId, out var userId, out var userIdError))
        {
            return AccessDecision.Denied(ApiError.BadRequest(userIdError));
        }

        if (!await authorization.AllowsAsync(principal, userId))
        {
            return AccessDecision.Denied(ApiError.Forbidden());
        }

        return AccessDecision.Granted(caller, userId);
    }
}
