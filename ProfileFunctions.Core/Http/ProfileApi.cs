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
    private readonly ResourceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ProfileApi> _logger;

    internal ProfileApi(ResourceStore store, TimeProvider time, ILogger<ProfileApi> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Handles any method on <see cref="ProfileRoutes.Profile"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandleProfileAsync(HttpContext context, string userId) =>
        HandleAsync(context, userId, ResourceDefinition.Profile);

    /// <summary>Handles any method on <see cref="ProfileRoutes.Photos"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandlePhotosAsync(HttpContext context, string userId) =>
        HandleAsync(context, userId, ResourceDefinition.Photo);

    /// <summary>The answer for a path that matches no route.</summary>
    public static IResult UnknownRoute() =>
        ApiError.NotFound("No resource exists at this path; the API serves POST /user/{userId}/profile and POST /user/{userId}/photos.");

    /// <summary>The answer for an exception that escaped everything else: the contract's 500, with no detail.</summary>
    public static IResult UnhandledException() => ApiError.InternalServerError();

    private async Task<IResult> HandleAsync(HttpContext context, string userId, ResourceDefinition resource)
    {
        RequestCorrelation.For(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return ApiError.MethodNotAllowed(ProfileRoutes.AllowedMethods);
        }

        try
        {
            return await CreateAsync(context, userId, resource);
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

    private async Task<IResult> CreateAsync(HttpContext context, string routeUserId, ResourceDefinition resource)
    {
        var authentication = await context.AuthenticateAsync(ProfileAuthentication.Scheme);
        if (!authentication.Succeeded)
        {
            return ProfileAuthentication.Challenge(authentication);
        }

        var caller = Caller.From(authentication.Principal);
        if (!UserId.TryResolve(routeUserId, caller.ObjectId, out var userId, out var userIdError))
        {
            return ApiError.BadRequest(userIdError);
        }

        if (!ClaimsRule.Allows(caller, userId))
        {
            return ApiError.Forbidden();
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
        var entity = ResourceEntities.Create(resource, userId, id, parsed, caller.CreatedBy, _time.GetUtcNow());
        var inserted = await _store.InsertAsync(resource, entity, context.RequestAborted);
        switch (inserted.Outcome)
        {
            case InsertOutcome.Created:
                LogCreated(resource.Name, id, userId);
                return new CreatedResource(
                    resource.Location(userId, id),
                    inserted.ETag,
                    ResourceJson.Compose(resource, id, parsed.Height, parsed.Width, parsed.Body));
            case InsertOutcome.AlreadyExists:
                return ApiError.Conflict(resource.AlreadyExists(userId, id));
            default:
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    // Debug, not Information: the row itself records who created what and when, and a log line per create costs
    // a write per request.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created {Resource} {ResourceId} for {UserId}")]
    private partial void LogCreated(string resource, Guid resourceId, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Creating a {Resource} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string resource);
}
