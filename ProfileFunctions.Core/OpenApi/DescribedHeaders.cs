

using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.OpenApi;

/// <summary>
/// The headers the API's document knows, by name. Some come with every operation or with a status an operation lists
/// (see <see cref="RequestHeaderAttribute"/>); the rest an operation declares with the attributes below.
/// </summary>
public static class DescribedHeaders
{
    /// <summary>Every response: a new GUID, equal to an error's <c>innerError.request-id</c>.</summary>
    public const string RequestId = "request-id";

    /// <summary>Every request may send one; every response then echoes it.</summary>
    public const string ClientRequestId = "client-request-id";

    /// <summary>The entity's tag: on every 201 and 304, and where an operation declares it.</summary>
    public const string ETag = "ETag";

    /// <summary>The created resource's absolute URL: on every 201.</summary>
    public const string Location = "Location";

    /// <summary>Seconds to wait: on every 429 and 503.</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary>The bearer challenge: on every 401.</summary>
    public const string WwwAuthenticate = "WWW-Authenticate";

    /// <summary>A request header of every operation that lists 304.</summary>
    public const string IfNoneMatch = "If-None-Match";

    /// <summary>A request header of every operation that lists 412.</summary>
    public const string IfMatch = "If-Match";

    /// <summary><c>return=minimal</c> or <c>return=representation</c>.</summary>
    public const string Prefer = "Prefer";

    /// <summary>The OASIS Repeatable Requests key.</summary>
    public const string RepeatabilityRequestId = RepeatableRequest.RequestIdHeader;

    /// <summary>When the repeatable request was first sent (an HTTP-date).</summary>
    public const string RepeatabilityFirstSent = RepeatableRequest.FirstSentHeader;

    /// <summary>The answer to a request that sent a repeatability key.</summary>
    public const string RepeatabilityResult = RepeatableRequest.ResultHeader;

    /// <summary>How a response may be cached.</summary>
    public const string CacheControl = "Cache-Control";

    /// <summary>The route's methods: on every 405.</summary>
    public const string Allow = "Allow";
}
