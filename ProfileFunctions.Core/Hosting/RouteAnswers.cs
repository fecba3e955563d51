using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Hosting;

/// <summary>What routing itself answers, before authentication: a method a route does not serve, a path no route matches.</summary>
public static class RouteAnswers
{
    /// <summary>405 in the contract's format, with <c>Allow</c>.</summary>
    /// <param name="allow">The route's methods: one of the <see cref="ProfileRoutes"/> <c>...Methods</c> constants.</param>
    public static IResult MethodNotAllowed(string allow) => ApiError.MethodNotAllowed(allow);

    /// <summary>404 in the contract's format, for a path that matches no route.</summary>
    public static IResult UnknownRoute() =>
        ApiError.NotFound("No resource exists at this path; the API serves /user/{userId}, /user/{userId}/profile, /user/{userId}/photos, /user/{userId}/photos/{id} and /user/{userId}/photos/{id}/$value.");
}
