

using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Documents;

/// <summary>Whose is the row that a create's insert found.</summary>
internal enum FoundRow
{
    /// <summary>This request's own: the storage client retried an insert whose first attempt was committed but answered too late (201).</summary>
    OwnRetry,

    /// <summary>The first of the same keyed request, by the same caller with the very same bytes (201).</summary>
    Repeat,

    /// <summary>Another request's (409).</summary>
    Another,

    /// <summary>Made with the same repeatability key and another body (409 saying so).</summary>
    KeyWithAnotherBody,

    /// <summary>Made with the same repeatability key by another caller (409 saying so).</summary>
    KeyOfAnotherCaller,
}

/// <summary>Tells a create's own row (or its keyed repeat's) from another request's: every row records the request that made it.</summary>
internal static class FoundRows
{
    public static FoundRow Judge(ResourceEntity existing, ResourceEntity attempted, RepeatableRequest? repeatable)
    {
        if (existing.RequestId is not null && string.Equals(existing.RequestId, attempted.RequestId, StringComparison.Ordinal))
        {
            return FoundRow.OwnRetry;
        }

        if (repeatable is null || !string.Equals(existing.RepeatabilityRequestId, repeatable.Key, StringComparison.Ordinal))
        {
            return FoundRow.Another;
        }

        if (!string.Equals(existing.CreatedBy, attempted.CreatedBy, StringComparison.Ordinal))
        {
            return FoundRow.KeyOfAnotherCaller;
        }

        return existing.RequestBodyHash is { } hash && attempted.RequestBodyHash is { } sent && hash.AsSpan().SequenceEqual(sent)
            ? FoundRow.Repeat
            : FoundRow.KeyWithAnotherBody;
    }

    /// <summary>The 409 of a key used before for another create.</summary>
    public static ApiError KeyConflict(FoundRow found, string key, string resourceName) => ApiError.Conflict(found == FoundRow.KeyWithAnotherBody
        ? $"{RepeatableRequest.RequestIdHeader} '{key}' was already used for a create with another body: send a new key for a new request."
        : $"{RepeatableRequest.RequestIdHeader} '{key}' was already used by another caller for this {resourceName}.");
}
