using ProfileFunctions.Core.Http;

namespace ProfileFunctions.LocalHost;

/// <summary>Maps the Core handlers on the contract's routes, as the Functions app's triggers do.</summary>
internal static class ProfileApiEndpoints
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        // Every method reaches the handler, which answers 405 itself: routing's own 405 has no body.
        endpoints.Map(ProfileRoutes.Profile, (HttpContext context, string userId, ProfileApi api) => api.HandleProfileAsync(context, userId));
        endpoints.Map(ProfileRoutes.Photos, (HttpContext context, string userId, ProfileApi api) => api.HandlePhotosAsync(context, userId));
        endpoints.Map(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, ProfileApi api) => api.HandlePhotoAsync(context, userId, photoId));

        // "{*path}" rather than the default fallback pattern, which skips paths that look like file names. A
        // RequestDelegate, because the request delegate generator ignores the pattern of MapFallback(pattern, Delegate)
        // (dotnet/aspnetcore#65992).
        endpoints.MapFallback("{*path}", context => ProfileApi.UnknownRoute().ExecuteAsync(context));
        return endpoints;
    }
}
