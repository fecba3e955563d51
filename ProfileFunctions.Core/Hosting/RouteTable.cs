using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.PhotoContent;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;
using ProfileFunctions.Core.Users;

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// Every route of the contract with its operations, each with what the OpenAPI document says of it, in the document's
/// order (a route's create first). Both hosts map from it: the local host an endpoint per operation, the Functions app a
/// function of the operation's name. It also answers a request by itself (<see cref="AnswerAsync"/>), so a host whose
/// router hands a request to the wrong function (the Functions host tries routes in the order of function names) still
/// answers as the contract says.
/// </summary>
public static class RouteTable
{
    private const string ProfileTag = "Profile";
    private const string PhotosTag = "Photos";
    private const string UserTag = "User";

    /// <summary>The routes, each with its operations.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new(ProfileRoutes.Profile,
            Operation<CreateProfile>(HttpMethods.Post, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("CreateProfile", ProfileTag, "Create the user's profile (one per user).") { Accepts = Json<ProfileDocument>() }),
            Operation<ReadProfile>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("GetProfile", ProfileTag, "Read the user's profile, exactly as its create returned it.")),
            Operation<UpdateProfile>(HttpMethods.Patch, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("UpdateProfile", ProfileTag, "Change the user's profile with a JSON Merge Patch (RFC 7396); If-Match and Prefer: return=minimal are honoured.") { Accepts = MergePatch<ProfileDocument>() }),
            Operation<DeleteProfile>(HttpMethods.Delete, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("DeleteProfile", ProfileTag, "Delete the user's profile; If-Match is honoured."))),
        new(ProfileRoutes.Photos,
            Operation<CreatePhoto>(HttpMethods.Post, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("CreatePhoto", PhotosTag, "Add a profile photo (many per user).") { Accepts = Json<PhotoDocument>() }),
            Operation<ListPhotos>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("ListPhotos", PhotosTag, "List the user's photos by id, 100 a page; follow @odata.nextLink for more.")
                {
                    Query = [new(PagingLink.Parameter, "Opaque and tamper-proof: only as @odata.nextLink gives it.")],
                })),
        new(ProfileRoutes.Photo,
            Operation<ReadPhoto>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo),
                new("GetPhoto", PhotosTag, "Read one photo, exactly as its create returned it.")),
            Operation<UpdatePhoto>(HttpMethods.Patch, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo),
                new("UpdatePhoto", PhotosTag, "Change one photo with a JSON Merge Patch (RFC 7396); If-Match and Prefer: return=minimal are honoured.") { Accepts = MergePatch<PhotoDocument>() }),
            Operation<DeletePhoto>(HttpMethods.Delete, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo),
                new("DeletePhoto", PhotosTag, "Delete one photo; If-Match is honoured."))),
        new(ProfileRoutes.User,
            Operation<EraseUser>(HttpMethods.Delete, (operation, context, values) => operation.HandleAsync(context, values.User),
                new("EraseUser", UserTag, "Erase everything stored for the user (profile and photos); repeatable."))),
        new(ProfileRoutes.PhotoContent,
            Operation<WritePhotoContent>(HttpMethods.Put, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo),
                new("PutPhotoContent", PhotosTag, "Store the photo's image (JPEG, PNG, GIF or WebP; at most 4 MiB; 1 to 10,000 pixels a side).")),
            Operation<ReadPhotoContent>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo),
                new("GetPhotoContent", PhotosTag, "Read the photo's image, as stored."))),
        new(ProfileRoutes.PhotoSize,
            Operation<ReadPhotoSize>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo, values.Size),
                new("GetPhotoSize", PhotosTag, "Read the photo's image scaled to fit one of Graph's sizes (made once per content).")))
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

    private static RouteOperation Operation<TOperation>(
        string method, Func<TOperation, HttpContext, RouteArguments, Task<OperationResult<TOperation>>> handle, OperationDocumentation documentation)
        where TOperation : class, IDescribedOperation =>
        new(method, typeof(TOperation), documentation, OperationResult<TOperation>.PopulateMetadata, async (services, context, values) =>
            await handle(services.GetRequiredService<TOperation>(), context, new RouteArguments(values)));

    private static AcceptsMetadata Json<TDocument>() => new([JsonContent.MediaTypeWithoutParameters], typeof(TDocument));

    private static AcceptsMetadata MergePatch<TDocument>() =>
        new([PatchContentTypeRule.MergePatch, JsonContent.MediaTypeWithoutParameters], typeof(TDocument));

    /// <summary>The route values the operations take, as the hosts' routers give them.</summary>
    private readonly record struct RouteArguments(RouteValueDictionary Values)
    {
        public string User => (string)Values["userId"]!;

        public string Photo => (string)Values["photoId"]!;

        public string Size => (string)Values["size"]!;
    }
}
