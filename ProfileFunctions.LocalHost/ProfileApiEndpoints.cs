using Microsoft.AspNetCore.Mvc;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.PhotoContent;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;
using ProfileFunctions.Core.Users;


namespace ProfileFunctions.LocalHost;

/// <summary>Maps the Core's operations on the contract's routes by method, as the Functions app's triggers do.</summary>
internal static class ProfileApiEndpoints
{
    private const string Json = "application/json";
    private const string MergePatch = "application/merge-patch+json";

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        // The documented operations, one handler each. Their responses' metadata comes from the handlers' return types;
        // what a request accepts is said here, because the Accepts metadata also takes part in routing (below).
        endpoints.MapPost(ProfileRoutes.Profile, (HttpContext context, string userId, CreateProfile operation) => operation.HandleAsync(context, userId))
            .WithName("CreateProfile").WithSummary("Create the user's profile (one per user).").WithTags("Profile")
            .Accepts<ProfileDocument>(Json);
        endpoints.MapGet(ProfileRoutes.Profile, (HttpContext context, string userId, ReadProfile operation) => operation.HandleAsync(context, userId))
            .WithName("GetProfile").WithSummary("Read the user's profile, exactly as its create returned it.").WithTags("Profile");
        endpoints.MapPost(ProfileRoutes.Photos, (HttpContext context, string userId, CreatePhoto operation) => operation.HandleAsync(context, userId))
            .WithName("CreatePhoto").WithSummary("Add a profile photo (many per user).").WithTags("Photos")
            .Accepts<PhotoDocument>(Json);
        endpoints.MapGet(ProfileRoutes.Photos, (HttpContext context, string userId, [FromQuery(Name = "$skiptoken")] string? skipToken, ListPhotos operation) => operation.HandleAsync(context, userId))
            .WithName("ListPhotos").WithSummary("List the user's photos by id, 100 a page; follow @odata.nextLink for more.").WithTags("Photos");
        endpoints.MapGet(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, ReadPhoto operation) => operation.HandleAsync(context, userId, photoId))
            .WithName("GetPhoto").WithSummary("Read one photo, exactly as its create returned it.").WithTags("Photos");
        endpoints.MapPatch(ProfileRoutes.Profile, (HttpContext context, string userId, UpdateProfile operation) => operation.HandleAsync(context, userId))
            .WithName("UpdateProfile").WithSummary("Change the user's profile with a JSON Merge Patch (RFC 7396); If-Match and Prefer: return=minimal are honoured.").WithTags("Profile")
            .Accepts<ProfileDocument>(MergePatch, Json);
        endpoints.MapDelete(ProfileRoutes.Profile, (HttpContext context, string userId, DeleteProfile operation) => operation.HandleAsync(context, userId))
            .WithName("DeleteProfile").WithSummary("Delete the user's profile; If-Match is honoured.").WithTags("Profile");
        endpoints.MapPatch(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, UpdatePhoto operation) => operation.HandleAsync(context, userId, photoId))
            .WithName("UpdatePhoto").WithSummary("Change one photo with a JSON Merge Patch (RFC 7396); If-Match and Prefer: return=minimal are honoured.").WithTags("Photos")
            .Accepts<PhotoDocument>(MergePatch, Json);
        endpoints.MapDelete(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, DeletePhoto operation) => operation.HandleAsync(context, userId, photoId))
            .WithName("DeletePhoto").WithSummary("Delete one photo; If-Match is honoured.").WithTags("Photos");
        endpoints.MapDelete(ProfileRoutes.User, (HttpContext context, string userId, EraseUser operation) => operation.HandleAsync(context, userId))
            .WithName("EraseUser").WithSummary("Erase everything stored for the user (profile and photos); repeatable.").WithTags("User");
        endpoints.MapPut(ProfileRoutes.PhotoContent, (HttpContext context, string userId, string photoId, WritePhotoContent operation) => operation.HandleAsync(context, userId, photoId))
            .WithName("PutPhotoContent").WithSummary("Store the photo's image (JPEG, PNG, GIF or WebP; at most 4 MiB; 1 to 10,000 pixels a side).").WithTags("Photos");
        endpoints.MapGet(ProfileRoutes.PhotoContent, (HttpContext context, string userId, string photoId, ReadPhotoContent operation) => operation.HandleAsync(context, userId, photoId))
            .WithName("GetPhotoContent").WithSummary("Read the photo's image, as stored.").WithTags("Photos");
        endpoints.MapGet(ProfileRoutes.PhotoSize, (HttpContext context, string userId, string photoId, string size, ReadPhotoSize operation) => operation.HandleAsync(context, userId, photoId, size))
            .WithName("GetPhotoSize").WithSummary("Read the photo's image scaled to fit one of Graph's sizes (made once per content).").WithTags("Photos");

        // A POST or PATCH whose Content-Type the Accepts metadata above turns away: routing would answer that 415 itself, with no
        // body and before authentication; without the metadata the operation answers it, in the contract's order of checks.
        endpoints.MapPost(ProfileRoutes.Profile, (HttpContext context, string userId, CreateProfile operation) => operation.HandleAsync(context, userId))
            .WithOrder(1).ExcludeFromDescription();
        endpoints.MapPost(ProfileRoutes.Photos, (HttpContext context, string userId, CreatePhoto operation) => operation.HandleAsync(context, userId))
            .WithOrder(1).ExcludeFromDescription();
        endpoints.MapPatch(ProfileRoutes.Profile, (HttpContext context, string userId, UpdateProfile operation) => operation.HandleAsync(context, userId))
            .WithOrder(1).ExcludeFromDescription();
        endpoints.MapPatch(ProfileRoutes.Photo, (HttpContext context, string userId, string photoId, UpdatePhoto operation) => operation.HandleAsync(context, userId, photoId))
            .WithOrder(1).ExcludeFromDescription();

        // Every other method on a route: 405 with the route's Allow list, in the contract's format (routing's own 405
        // has no body). Order 2: the operations above win for their methods.
        foreach (var route in RouteTable.Routes)
        {
            endpoints.Map(route.Template, context => RouteAnswers.MethodNotAllowed(route.Allow).ExecuteAsync(context)).WithOrder(2).ExcludeFromDescription();
        }

        // "{*path}" rather than the default fallback pattern, which skips paths that look like file names. A
        // RequestDelegate, because the request delegate generator ignores the pattern of MapFallback(pattern, Delegate)
        // (dotnet/aspnetcore#65992).
        endpoints.MapFallback("{*path}", context => RouteAnswers.UnknownRoute().ExecuteAsync(context));
        return endpoints;
    }
}
