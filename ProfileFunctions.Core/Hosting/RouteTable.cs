using Microsoft.AspNetCore.Http;
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
/// <c>Allow</c>). Both hosts map from it, and it answers a request by itself (<see cref="AnswerAsync"/>), so a host
/// whose router hands a request to the wrong function (the Functions host tries routes in the order of function names)
/// still answers as the contract says.
/// </summary>
public static class RouteTable
{
    /// <summary>The routes, each with its operations.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new(ProfileRoutes.User,
            Operation<EraseUser>(HttpMethods.Delete, (operation, context, values) => operation.HandleAsync(context, values.User))),
        new(ProfileRoutes.Profile,
            Operation<ReadProfile>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User)),
            Operation<CreateProfile>(HttpMethods.Post, (operation, context, values) => operation.HandleAsync(context, values.User)),
            Operation<UpdateProfile>(HttpMethods.Patch, (operation, context, values) => operation.HandleAsync(context, values.User)),
            Operation<DeleteProfile>(HttpMethods.Delete, (operation, context, values) => operation.HandleAsync(context, values.User))),
        new(ProfileRoutes.Photos,
            Operation<ListPhotos>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User)),
            Operation<CreatePhoto>(HttpMethods.Post, (operation, context, values) => operation.HandleAsync(context, values.User))),
        new(ProfileRoutes.Photo,
            Operation<ReadPhoto>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo)),
            Operation<UpdatePhoto>(HttpMethods.Patch, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo)),
            Operation<DeletePhoto>(HttpMethods.Delete, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo))),
        new(ProfileRoutes.PhotoContent,
            Operation<ReadPhotoContent>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo)),
            Operation<WritePhotoContent>(HttpMethods.Put, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo))),
        new(ProfileRoutes.PhotoSize,
            Operation<ReadPhotoSize>(HttpMethods.Get, (operation, context, values) => operation.HandleAsync(context, values.User, values.Photo, values.Size))),
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

    private static RouteOperation Operation<TOperation>(string method, Func<TOperation, HttpContext, RouteArguments, Task<OperationResult<TOperation>>> handle)
        where TOperation : class, IDescribedOperation =>
        new(method, typeof(TOperation).Name, async (services, context, values) =>
            await handle(services.GetRequiredService<TOperation>(), context, new RouteArguments(values)));

    /// <summary>The route values the operations take, as the hosts' routers give them.</summary>
    private readonly record struct RouteArguments(RouteValueDictionary Values)
    {
        public string User => (string)Values["userId"]!;

        public string Photo => (string)Values["photoId"]!;

        public string Size => (string)Values["size"]!;
    }
}
