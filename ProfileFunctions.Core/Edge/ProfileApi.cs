using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Operations;
using ProfileFunctions.Core.Responses;

namespace ProfileFunctions.Core.Edge;

/// <summary>
/// One entry per route, for a host that routes by path only (the Functions app today): it picks the operation by
/// method, answers 405 for the others, and does the correlation and last-resort handling a host's middleware does.
/// A host that routes by method maps the operations (<see cref="CreateProfile"/>, ...) and
/// <see cref="RouteAnswers"/> directly instead.
/// </summary>
public sealed class ProfileApi
{
    private readonly CreateProfile _createProfile;
    private readonly ReadProfile _readProfile;
    private readonly CreatePhoto _createPhoto;
    private readonly ListPhotos _listPhotos;
    private readonly ReadPhoto _readPhoto;

    internal ProfileApi(CreateProfile createProfile, ReadProfile readProfile, CreatePhoto createPhoto, ListPhotos listPhotos, ReadPhoto readPhoto)
    {
        _createProfile = createProfile;
        _readProfile = readProfile;
        _createPhoto = createPhoto;
        _listPhotos = listPhotos;
        _readPhoto = readPhoto;
    }

    /// <summary>Handles any method on <see cref="ProfileRoutes.Profile"/>: POST creates, GET reads.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandleProfileAsync(HttpContext context, string userId) =>
        HandleAsync(context, ProfileRoutes.ProfileMethods, method =>
            HttpMethods.IsPost(method) ? Answer(_createProfile.HandleAsync(context, userId))
            : HttpMethods.IsGet(method) ? Answer(_readProfile.HandleAsync(context, userId))
            : null);

    /// <summary>Handles any method on <see cref="ProfileRoutes.Photos"/>: POST creates, GET lists.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandlePhotosAsync(HttpContext context, string userId) =>
        HandleAsync(context, ProfileRoutes.PhotosMethods, method =>
            HttpMethods.IsPost(method) ? Answer(_createPhoto.HandleAsync(context, userId))
            : HttpMethods.IsGet(method) ? Answer(_listPhotos.HandleAsync(context, userId))
            : null);

    /// <summary>Handles any method on <see cref="ProfileRoutes.Photo"/>: GET reads.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public Task<IResult> HandlePhotoAsync(HttpContext context, string userId, string photoId) =>
        HandleAsync(context, ProfileRoutes.PhotoMethods, method =>
            HttpMethods.IsGet(method) ? Answer(_readPhoto.HandleAsync(context, userId, photoId)) : null);

    /// <summary>The answer for a path that matches no route.</summary>
    public static IResult UnknownRoute() => RouteAnswers.UnknownRoute();

    /// <summary>The answer for an exception that escaped everything else: the contract's 500, with no detail.</summary>
    public static IResult UnhandledException() => ApiError.InternalServerError();

    private static async Task<IResult> Answer<TOperation>(Task<OperationResult<TOperation>> operation)
        where TOperation : IDescribedOperation =>
        (await operation).Answer;

    private static async Task<IResult> HandleAsync(HttpContext context, string allow, Func<string, Task<IResult>?> operationFor)
    {
        RequestCorrelation.Begin(context);
        try
        {
            return operationFor(context.Request.Method) is { } operation
                ? await operation
                : RouteAnswers.MethodNotAllowed(allow);
        }
        catch (Exception exception)
        {
            await UnhandledError.WriteAsync(context, exception);
            return Results.Empty;
        }
    }
}
