using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Access;

/// <summary>
/// The checks every operation starts with, in the contract's order: token (401), the caller's rate (429), userId (400),
/// claims (403).
/// </summary>
internal sealed class CallerAccess(IAuthorizationService authorization, CallerRateLimit rateLimit)
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

        // Only a valid token is counted, and before anything else is looked at: a throttled caller learns nothing more.
        if (rateLimit.TryAdmit(caller) is { } retryAfterSeconds)
        {
            return AccessDecision.Denied(ApiError.TooManyRequests(retryAfterSeconds));
        }

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

/// <summary>The outcome of the checks before any operation: who the caller is and whose resources, or the refusal.</summary>
internal sealed class AccessDecision
{
    private readonly Caller? _caller;
    private readonly string? _userId;

    private AccessDecision(IResult? refusal, Caller? caller, string? userId)
    {
        Refusal = refusal;
        _caller = caller;
        _userId = userId;
    }

    /// <summary>The 401, 429, 400 or 403 to answer with; null when access is granted.</summary>
    public IResult? Refusal { get; }

    public Caller Caller => _caller ?? throw new InvalidOperationException("Access was refused.");

    /// <summary>The stored userId: <c>me</c> resolved, lower case.</summary>
    public string UserId => _userId ?? throw new InvalidOperationException("Access was refused.");

    public static AccessDecision Granted(Caller caller, string userId) => new(null, caller, userId);

    public static AccessDecision Denied(IResult refusal) => new(refusal, null, null);
}
