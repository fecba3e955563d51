using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

/// <summary>GET /user/{userId}/photos: a page of the user's photos by id, with <c>@odata.nextLink</c> while more remain.</summary>
public sealed class ListPhotos : IDescribedOperation
{
    /// <summary>The most photos one page of the list holds.</summary>
    internal const int PageSize = 100;

    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PublicLinks _links;

    internal ListPhotos(CallerAccess access, TableStore store, PublicLinks links)
    {
        _access = access;
        _store = store;
        _links = links;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } =
        DescribedResponses.Success(StatusCodes.Status200OK, typeof(PhotoPageDocument), 400, 401, 403, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<ListPhotos>> HandleAsync(HttpContext context, string userId) => new(await ListAsync(context, userId));

    private async Task<IResult> ListAsync(HttpContext context, string userId)
    {
        var decision = await _access.CheckAsync(context, userId);
        if (decision.Refusal is { } refusal)
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

        string? after = null;
        if (context.Request.Query.TryGetValue(PagingLink.Parameter, out var tokens))
        {
            if (await KeyAsync() is not { } checking)
            {
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            if (tokens.Count != 1 || !PagingLink.TryRead(checking, decision.UserId, tokens.ToString(), out after))
            {
                return ApiError.BadRequest($"The {PagingLink.Parameter} is not one this API gave for this user's photos: follow @odata.nextLink as it is, or list from the start.");
            }
        }

        // One row more than a page says whether another page follows.
        var rows = await _store.ListAsync<PhotoEntity>(decision.UserId, after, PageSize + 1, context.RequestAborted);
        if (rows.Outcome != StoreOutcome.Done)
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        var page = rows.Value!.Take(PageSize).ToList();
        string? nextLink = null;
        if (rows.Value!.Count > PageSize)
        {
            if (await KeyAsync() is not { } signing)
            {
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            string token = PagingLink.Create(signing, decision.UserId, page[^1].RowKey);
            nextLink = _links.For(context.Request, $"/user/{decision.UserId}/photos?{PagingLink.Parameter}={Uri.EscapeDataString(token)}");
        }

        return JsonResource.Ok(ResourceJson.Page(page.Select(PhotoResource.Json), nextLink));
    }
}
