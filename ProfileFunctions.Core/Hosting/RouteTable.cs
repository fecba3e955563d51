using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.PhotoContent;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;
using ProfileFunctions.Core.Users;

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// Every route of the contract with its operations, in the contract's order of methods (which is the 405's
/// <c>Allow</c>). Both hosts map from it (the local host its endpoints, the Functions app's tests its functions), and it
/// answers a request by itself (<see cref="AnswerAsync"/>), so a host whose router hands a request to the wrong function
/// (the Functions host tries routes in the order of function names) still answers as the contract says.
/// </summary>
public static class RouteTable
{
    private const string Json = "application/json";
    private const string MergePatch = "application/merge-patch+json";

    /// <summary>The routes, each with its operations.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new(ProfileRoutes.User,
            Operation<EraseUser>(HttpMethods.Delete, (handler, context, user) => handler.HandleAsync(context, user),
                new(10, "EraseUser", "Erase everything stored for the user (profile and photos); repeatable.", "User"))),
        new(ProfileRoutes.Profile,
            Operation<ReadProfile>(HttpMethods.Get, (handler, context, user) => handler.HandleAsync(context, user),
                new(2, "GetProfile", "Read the user's profile, exactly as its create returned it.", "Profile")),
            Operation<CreateProfile>(HttpMethods.Post, (handler, context, user) => handler.HandleAsync(context, user),
                new(1, "CreateProfile", "Create the user's profile (one per user).", "Profile") { Accepts = typeof(ProfileDocument), AcceptsContentTypes = [Json] }),
            Operation<UpdateProfile>(HttpMethods.Patch, (handler, context, user) => handler.HandleAsync(context, user),
                new(6, "UpdateProfile", "Change the user's profile with a JSON Merge Patch (RFC 7396); If-Match and Prefer: return=minimal are honoured.", "Profile") { Accepts = typeof(ProfileDocument), AcceptsContentTypes = [MergePatch, Json] }),
            Operation<DeleteProfile>(HttpMethods.Delete, (handler, context, user) => handler.HandleAsync(context, user),
                new(7, "DeleteProfile", "Delete the user's profile; If-Match is honoured.", "Profile"))),
        new(ProfileRoutes.Photos,
            Operation<ListPhotos>(HttpMethods.Get, (handler, context, user) => handler.HandleAsync(context, user),
                new(4, "ListPhotos", "List the user's photos by id, 100 a page; follow @odata.nextLink for more.", "Photos"),

                // The paging token is read by the handler; declared here so that the document lists it.
                endpoint: (HttpContext context, string userId, [FromQuery(Name = PagingLink.Parameter)] string? skipToken, ListPhotos operation) => operation.HandleAsync(context, userId)),
            Operation<CreatePhoto>(HttpMethods.Post, (handler, context, user) => handler.HandleAsync(context, user),
                new(3, "CreatePhoto", "Add a profile photo (many per user).", "Photos") { Accepts = typeof(PhotoDocument), AcceptsContentTypes = [Json] })),
        new(ProfileRoutes.Photo,
            Operation<ReadPhoto>(HttpMethods.Get, (handler, context, user, photo) => handler.HandleAsync(context, user, photo),
                new(5, "GetPhoto", "Read one photo, exactly as its create returned it.", "Photos")),
            Operation<UpdatePhoto>(HttpMethods.Patch, (handler, context, user, photo) => handler.HandleAsync(context, user, photo),
                new(8, "UpdatePhoto", "Change one photo with a JSON Merge Patch (RFC 7396); If-Match and Prefer: return=minimal are honoured.", "Photos") { Accepts = typeof(PhotoDocument), AcceptsContentTypes = [MergePatch, Json] }),
            Operation<DeletePhoto>(HttpMethods.Delete, (handler, context, user, photo) => handler.HandleAsync(context, user, photo),
                new(9, "DeletePhoto", "Delete one photo; If-Match is honoured.", "Photos"))),
        new(ProfileRoutes.PhotoContent,
            Operation<ReadPhotoContent>(HttpMethods.Get, (handler, context, user, photo) => handler.HandleAsync(context, user, photo),
                new(12, "GetPhotoContent", "Read the photo's image, as stored.", "Photos")),
            Operation<WritePhotoContent>(HttpMethods.Put, (handler, context, user, photo) => handler.HandleAsync(context, user, photo),
                new(11, "PutPhotoContent", "Store the photo's image (JPEG, PNG, GIF or WebP; at most 4 MiB; 1 to 10,000 pixels a side).", "Photos"))),
    ];

    /// <summary>What the contract answers to a request: its operation, a 405 for another method on a route, else a 404.</summary>
    /// <param name="services">Where the operations are registered (<c>AddProfileApi</c>).</param>
    /// <param name="context">The request.</param>
    public static async Task<IResult> AnswerAsync(IServiceProvider services, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (route, operation, values) = Find(context.Request.Method, context.Request.Path);
        if (route is null)
        {
            return RouteAnswers.UnknownRoute();
        }

        return operation is null ? RouteAnswers.MethodNotAllowed(route.Allow) : await operation.InvokeAsync(services, context, values);
    }

    /// <summary>The route a path matches (or none), and the operation that answers the method on it (or none).</summary>
    internal static (ApiRoute? Route, RouteOperation? Operation, RouteValueDictionary Values) Find(string method, PathString path)
    {
        foreach (var route in Routes)
        {
            var values = new RouteValueDictionary();
            if (route.Matches(path, values))
            {
                return (route, route.Operations.FirstOrDefault(operation => HttpMethods.Equals(operation.Method, method)), values);
            }
        }

        return (null, null, []);
    }

    // An operation on a user's route: the handler takes the userId.
    private static RouteOperation Operation<THandler>(
        string method,
        Func<THandler, HttpContext, string, Task<OperationResult<THandler>>> handle,
        OperationDocument document,
        Delegate? endpoint = null)
        where THandler : class, IDescribedOperation =>
        new(
            method,
            typeof(THandler).Name,
            endpoint ?? ((HttpContext context, string userId, THandler operation) => handle(operation, context, userId)),
            async (services, context, values) => await handle(services.GetRequiredService<THandler>(), context, UserId(values)),
            document);

    // An operation on a photo's route: the handler takes the userId and the photoId.
    private static RouteOperation Operation<THandler>(
        string method,
        Func<THandler, HttpContext, string, string, Task<OperationResult<THandler>>> handle,
        OperationDocument document)
        where THandler : class, IDescribedOperation =>
        new(
            method,
            typeof(THandler).Name,
            (HttpContext context, string userId, string photoId, THandler operation) => handle(operation, context, userId, photoId),
            async (services, context, values) => await handle(services.GetRequiredService<THandler>(), context, UserId(values), (string)values["photoId"]!),
            document);

    private static string UserId(RouteValueDictionary values) => (string)values["userId"]!;
}
