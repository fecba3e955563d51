using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
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

/// <summary>
/// The contract's throttling: each caller (a delegated token's <c>oid</c>, an application token's <c>azp</c> or
/// <c>appid</c>) has a token bucket of <c>ProfileApi__RateLimit__PermitsPerMinute</c> requests on this instance, refilled
/// continuously (one permit every 60/permits seconds), never queued.
/// </summary>
/// <remarks>
/// Per instance and in memory, as the contract allows: a bucket that is full again is idle, and the partitioned limiter
/// drops it, so a caller who stopped calling costs nothing.
/// </remarks>
internal sealed class CallerRateLimit : IDisposable
{
    private const int MaxRetryAfterSeconds = 60;

    private readonly PartitionedRateLimiter<string> _limiter;

    public CallerRateLimit(int permitsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerMinute, 1);
        PermitsPerMinute = permitsPerMinute;

        // One permit per period, so the bucket refills a permit at a time rather than a minute's worth at once; the
        // partitioned limiter replenishes every bucket on its own timer (it ignores a partition's AutoReplenishment).
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = permitsPerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / permitsPerMinute)),
            AutoReplenishment = true,
            QueueLimit = 0,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => options));
    }

    public int PermitsPerMinute { get; }

    /// <summary>The caller's bucket: a delegated token's user, an application token's application.</summary>
    public static string PartitionOf(Caller caller) =>
        caller.IsDelegated
            ? "user:" + (caller.ObjectId ?? caller.ApplicationId ?? string.Empty).ToLowerInvariant()
            : "app:" + (caller.ApplicationId ?? caller.ObjectId ?? string.Empty).ToLowerInvariant();

    /// <summary>
    /// Takes one permit from the caller's bucket: null when admitted, else the whole seconds until a request would be
    /// (the <c>Retry-After</c>, 1 to 60).
    /// </summary>
    public int? TryAdmit(Caller caller)
    {
        using var lease = _limiter.AttemptAcquire(PartitionOf(caller));
        if (lease.IsAcquired)
        {
            return null;
        }

        double seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter.TotalSeconds : 60.0 / PermitsPerMinute;
        return (int)Math.Clamp(Math.Ceiling(seconds), 1, MaxRetryAfterSeconds);
    }

    public void Dispose() => _limiter.Dispose();
}
