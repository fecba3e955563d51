using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Authentication;
using ProfileFunctions.Core.Authorization;
using ProfileFunctions.Core.Identifiers;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Users;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// The API's handlers, as every host calls them: the host routes a request here, and executes the
/// <see cref="IResult"/> it gets back. Everything from authentication to the response is decided here.
/// </summary>
public sealed partial class ProfileApi
{
    /// <summary>The most photos one page of the list holds.</summary>
    internal const int PageSize = 100;

    private readonly ResourceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ProfileApi> _logger;

    internal ProfileApi(ResourceStore store, TimeProvider time, ILogger<ProfileApi> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Handles any method on <see cref="ProfileRoutes.Profile"/>: POST creates, GET reads.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandleProfileAsync(HttpContext context, string userId) =>
        HandleAsync(context, ResourceDefinition.Profile, ProfileRoutes.AllowedMethods, method =>
            HttpMethods.IsPost(method) ? CreateAsync(context, userId, ResourceDefinition.Profile)
            : HttpMethods.IsGet(method) ? ReadAsync(context, userId, ResourceDefinition.Profile, photoId: null)
            : null);

    /// <summary>Handles any method on <see cref="ProfileRoutes.Photos"/>: POST creates, GET lists.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandlePhotosAsync(HttpContext context, string userId) =>
        HandleAsync(context, ResourceDefinition.Photo, ProfileRoutes.AllowedMethods, method =>
            HttpMethods.IsPost(method) ? CreateAsync(context, userId, ResourceDefinition.Photo)
            : HttpMethods.IsGet(method) ? ListPhotosAsync(context, userId)
            : null);

    /// <summary>Handles any method on <see cref="ProfileRoutes.Photo"/>: GET reads.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public Task<IResult> HandlePhotoAsync(HttpContext context, string userId, string photoId) =>
        HandleAsync(context, ResourceDefinition.Photo, ProfileRoutes.PhotoAllowedMethods, method =>
            HttpMethods.IsGet(method) ? ReadAsync(context, userId, ResourceDefinition.Photo, photoId) : null);

    /// <summary>The answer for a path that matches no route.</summary>
    public static IResult UnknownRoute() =>
        ApiError.NotFound("No resource exists at this path; the API serves /user/{userId}/profile, /user/{userId}/photos and /user/{userId}/photos/{id}.");

    /// <summary>
    /// Gives the request its <c>request-id</c> (and echoes <c>client-request-id</c>) before anything answers it: for a
    /// host's middleware, so that every response carries them whichever route or failure produced it.
    /// </summary>
    /// <param name="context">The request.</param>
    public static void BeginRequest(HttpContext context) => RequestCorrelation.For(context);

    /// <summary>The answer for an exception that escaped everything else: the contract's 500, with no detail.</summary>
    public static IResult UnhandledException() => ApiError.InternalServerError();

    /// <param name="context">The request.</param>
    /// <param name="resource">For the log, should it fail.</param>
    /// <param name="allowed">The route's methods, for a 405.</param>
    /// <param name="handlerFor">The work for a method, or null for a method the route does not serve.</param>
    private async Task<IResult> HandleAsync(HttpContext context, ResourceDefinition resource, string allowed, Func<string, Task<IResult>?> handlerFor)
    {
        RequestCorrelation.For(context);
        try
        {
            return handlerFor(context.Request.Method) is { } handler
                ? await handler
                : ApiError.MethodNotAllowed(allowed);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client has gone; nobody reads this answer.
            return Results.Empty;
        }
        catch (Exception exception)
        {
            LogUnexpected(exception, resource.Name);
            return ApiError.InternalServerError();
        }
    }

    /// <summary>The checks every operation starts with, in the contract's order: token (401), userId (400), claims (403).</summary>
    private static async Task<Access> AuthorizeAsync(HttpContext context, string routeUserId)
    {
        var authentication = await context.AuthenticateAsync(ProfileAuthentication.Scheme);
        if (!authentication.Succeeded)
        {
            return Access.Denied(ProfileAuthentication.Challenge(authentication));
        }

        var caller = Caller.From(authentication.Principal);
        if (!UserId.TryResolve(routeUserId, caller.ObjectId, out var userId, out var userIdError))
        {
            return Access.Denied(ApiError.BadRequest(userIdError));
        }

        return ClaimsRule.Allows(caller, userId) ? Access.Granted(caller, userId) : Access.Denied(ApiError.Forbidden());
    }

    private async Task<IResult> CreateAsync(HttpContext context, string routeUserId, ResourceDefinition resource)
    {
        var access = await AuthorizeAsync(context, routeUserId);
        if (access.Refusal is { } refusal)
        {
            return refusal;
        }

        if (!ContentTypeRule.IsJson(context.Request.ContentType))
        {
            return ApiError.UnsupportedMediaType();
        }

        ParsedResource? parsed;
        string? bodyError;
        using (var body = await RequestBodyReader.ReadAsync(context.Request, context.RequestAborted))
        {
            if (body is null)
            {
                return ApiError.RequestEntityTooLarge(RequestBodyReader.MaxBytes);
            }

            if (!ResourceBodyParser.TryParse(body.Span, resource, out parsed, out bodyError))
            {
                return ApiError.BadRequest(bodyError);
            }
        }

        var id = parsed.Id ?? RandomGuid.Create();
        var entity = ResourceEntities.Create(resource, access.UserId, id, parsed, access.Caller.CreatedBy, _time.GetUtcNow());
        var inserted = await _store.InsertAsync(resource, entity, context.RequestAborted);
        switch (inserted.Outcome)
        {
            case StoreOutcome.Done:
                LogCreated(resource.Name, id, access.UserId);
                return JsonResource.Created(
                    resource.Location(access.UserId, id),
                    inserted.Value,
                    ResourceJson.Compose(resource, id, parsed.Height, parsed.Width, parsed.Body));
            case StoreOutcome.AlreadyExists:
                return ApiError.Conflict(resource.AlreadyExists(access.UserId, id));
            default:
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    private async Task<IResult> ReadAsync(HttpContext context, string routeUserId, ResourceDefinition resource, string? photoId)
    {
        var access = await AuthorizeAsync(context, routeUserId);
        if (access.Refusal is { } refusal)
        {
            return refusal;
        }

        string rowKey = ResourceDefinition.ProfileRowKey;
        if (photoId is not null)
        {
            if (!ResourceId.TryParse(photoId, out var id))
            {
                return ApiError.BadRequest("The photo id must be a GUID (e.g. 1736e66d-e66d-1736-6de6-36176de63617).");
            }

            rowKey = resource.RowKey(id);
        }

        var read = await _store.ReadAsync(resource, access.UserId, rowKey, context.RequestAborted);
        return read.Outcome switch
        {
            StoreOutcome.Done when NotModified.Matches(context.Request.Headers.IfNoneMatch, read.Value!.ETag!) => new NotModified(read.Value.ETag!),
            StoreOutcome.Done => JsonResource.Ok(ResourceJson.Of(resource, read.Value!), read.Value!.ETag),
            StoreOutcome.NotFound => ApiError.NotFound(resource.Missing(access.UserId, rowKey)),
            _ => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
        };
    }

    private async Task<IResult> ListPhotosAsync(HttpContext context, string routeUserId)
    {
        var access = await AuthorizeAsync(context, routeUserId);
        if (access.Refusal is { } refusal)
        {
            return refusal;
        }

        // The key that signs and checks paging links, fetched at most once per request, and only if needed.
        StoreResult<byte[]>? key = null;
        async Task<byte[]?> KeyAsync()
        {
            key ??= await _store.PagingKeyAsync(context.RequestAborted);
            return key.Value.Outcome == StoreOutcome.Done ? key.Value.Value : null;
        }

        string? continuation = null;
        if (context.Request.Query.TryGetValue(PagingLink.Parameter, out var tokens))
        {
            if (await KeyAsync() is not { } checking)
            {
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            if (tokens.Count != 1 || !PagingLink.TryRead(checking, access.UserId, tokens.ToString(), out continuation))
            {
                return ApiError.BadRequest($"The {PagingLink.Parameter} is not one this API gave for this user's photos: follow @odata.nextLink as it is, or list from the start.");
            }
        }

        var page = await _store.ListAsync(ResourceDefinition.Photo, access.UserId, continuation, PageSize, context.RequestAborted);
        if (page.Outcome != StoreOutcome.Done)
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        string? nextLink = null;
        if (page.Value!.Continuation is { } next)
        {
            if (await KeyAsync() is not { } signing)
            {
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            nextLink = $"/user/{access.UserId}/photos?{PagingLink.Parameter}={Uri.EscapeDataString(PagingLink.Create(signing, access.UserId, next))}";
        }

        return JsonResource.Ok(ResourceJson.Page(page.Value.Items.Select(photo => ResourceJson.Of(ResourceDefinition.Photo, photo)), nextLink));
    }

    // Debug, not Information: the row itself records who created what and when, and a log line per create costs
    // a write per request.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created {Resource} {ResourceId} for {UserId}")]
    private partial void LogCreated(string resource, Guid resourceId, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Resource} request failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string resource);
}
