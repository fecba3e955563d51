using Microsoft.AspNetCore.Mvc;
using ProfileFunctions.Core.Http;
using ProfileFunctions.LocalHost.OpenApi;

namespace ProfileFunctions.LocalHost;

/// <summary>Maps the Core handlers on the contract's routes, as the Functions app's triggers do.</summary>
internal static class ProfileApiEndpoints
{
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        // The documented operations. Each calls the route's one handler, which does all the deciding; the metadata
        // only describes it for the OpenAPI document.
        endpoints.MapPost(ProfileRoutes.Profile, (HttpContext context, string userId, ProfileApi api) => api.HandleProfileAsync(context, userId))
            .WithName("CreateProfile").WithSummary("Create the user's profile (one per user).").WithTags("Profile")
            .Accepts<ProfileDocument>(Json).Produces<ProfileDocument>(StatusCodes.Status201Created, Json)
            .ProducesErrors(400, 401, 403, 409, 413, 415, 500, 503);
        endpoints.MapGet(ProfileRoutes.Profile, (HttpContext context, string userId, ProfileApi api) => api.HandleProfileAsync(context, userId))
            .WithName("GetProfile").WithSummary("Read the user's profile, exactly as its create returned it.").WithTags("Profile")
            .Produces<ProfileDocument>(StatusCodes.Status200OK, Json).Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(400, 401, 403, 404, 500, 503);
        endpoints.MapPost(ProfileRoutes.Photos, (HttpContext context, string userId, ProfileApi api) => api.HandlePhotosAsync(context, userId))
            .WithName("CreatePhoto").WithSummary("Add a profile photo (many per user).").WithTags("Photos")
            .Accepts<PhotoDocument>(Json).Produces<PhotoDocument>(StatusCodes.Status201Created, Json)
            .ProducesErrors(400, 401, 403, 409, 413, 415, 500, 503);
        endpoints.MapGet(ProfileRoutes.Photos, (HttpContext context, string userId, [FromQuery(Name = "$skiptoken")] string? skipToken, ProfileApi api) => api.HandlePhotosAsync(context, userId))
            .WithName("ListPhotos").WithSummary("List the user's photos by id, 100 a page; follow @odata.nextLink for more.").WithTags("Photos")
            .Produces<PhotoPageDocument>(StatusCodes.Status200OK, Json)
            .ProducesErrors(400, 401, 403, 500, 503);
        endpoints.MapGet(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, ProfileApi api) => api.HandlePhotoAsync(context, userId, photoId))
            .WithName("GetPhoto").WithSummary("Read one photo, exactly as its create returned it.").WithTags("Photos")
            .Produces<PhotoDocument>(StatusCodes.Status200OK, Json).Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(400, 401, 403, 404, 500, 503);

        // Every other method reaches the same handlers, which answer 405 themselves (routing's own 405 has no body).
        // Order 1: the documented operations above win for their methods.
        endpoints.Map(ProfileRoutes.Profile, (HttpContext context, string userId, ProfileApi api) => api.HandleProfileAsync(context, userId))
            .WithOrder(1).ExcludeFromDescription();
        endpoints.Map(ProfileRoutes.Photos, (HttpContext context, string userId, ProfileApi api) => api.HandlePhotosAsync(context, userId))
            .WithOrder(1).ExcludeFromDescription();
        endpoints.Map(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, ProfileApi api) => api.HandlePhotoAsync(context, userId, photoId))
            .WithOrder(1).ExcludeFromDescription();

        // "{*path}" rather than the default fallback pattern, which skips paths that look like file names. A
        // RequestDelegate, because the request delegate generator ignores the pattern of MapFallback(pattern, Delegate)
        // (dotnet/aspnetcore#65992).
        endpoints.MapFallback("{*path}", context => ProfileApi.UnknownRoute().ExecuteAsync(context));
        return endpoints;
    }
}
