using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Users;

/// <summary>
/// DELETE /user/{userId}: erases everything stored for the user (the profile, every photo and its content). Always 204 once done,
/// also when nothing was left; a run that storage or the time budget cut short is a 503, and the next call finishes it.
/// </summary>
public sealed partial class EraseUser : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PhotoContentCleanup _content;
    private readonly ILogger<EraseUser> _logger;

    internal EraseUser(CallerAccess access, TableStore store, PhotoContentCleanup content, ILogger<EraseUser> logger)
    {
        _access = access;
        _store = store;
        _content = content;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Delete(400, 401, 403, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<EraseUser>> HandleAsync(HttpContext context, string userId) => new(await EraseAsync(context, userId));

    private async Task<IResult> EraseAsync(HttpContext context, string routeUserId)
    {
        var decision = await _access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        // The rows first, then every image under the user's prefix: a repeat after a 503 finds no rows and finishes the images.
        long started = Stopwatch.GetTimestamp();
        var erased = await _store.EraseUserAsync(decision.UserId, context.RequestAborted);
        if (erased.Outcome != StoreOutcome.Done || !await _content.DeleteUserAsync(decision.UserId, started, context.RequestAborted))
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        // Information: an erasure is rare and is the record that a user's data was removed on request.
        LogErased(decision.UserId, erased.Value);
        return new NoContent(etag: null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased user {UserId}: {Rows} rows deleted")]
    private partial void LogErased(string userId, int rows);
}
