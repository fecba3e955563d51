namespace ProfileFunctions.Core.Operations;

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

    /// <summary>Seconds to wait: on every 503.</summary>
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
    public const string RepeatabilityRequestId = "Repeatability-Request-ID";

    /// <summary>When the repeatable request was first sent (an HTTP-date).</summary>
    public const string RepeatabilityFirstSent = "Repeatability-First-Sent";

    /// <summary>The answer to a request that sent a repeatability key.</summary>
    public const string RepeatabilityResult = "Repeatability-Result";

    /// <summary>How a response may be cached.</summary>
    public const string CacheControl = "Cache-Control";
}

/// <summary>
/// A request header an operation takes beyond those every operation has (<c>client-request-id</c>) and those its
/// statuses imply (<c>If-None-Match</c> with 304, <c>If-Match</c> with 412). Name one of <see cref="DescribedHeaders"/>.
/// </summary>
/// <param name="name">The header.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequestHeaderAttribute(string name) : Attribute
{
    /// <summary>The header.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// A response header an operation gives with <paramref name="status"/> beyond those every response has
/// (<c>request-id</c>, <c>client-request-id</c>) and those the status implies (<c>Location</c> and <c>ETag</c> with 201,
/// <c>ETag</c> with 304, <c>WWW-Authenticate</c> with 401, <c>Retry-After</c> with 503).
/// </summary>
/// <param name="status">The status that carries it.</param>
/// <param name="name">The header.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ResponseHeaderAttribute(int status, string name) : Attribute
{
    /// <summary>The status that carries it.</summary>
    public int Status { get; } = status;

    /// <summary>The header.</summary>
    public string Name { get; } = name;

    /// <summary>Whether every such response carries it (else only some do).</summary>
    public bool Required { get; init; } = true;
}

/// <summary>
/// What the operation's request body is, when the endpoint's metadata does not say: <paramref name="body"/> is a resource
/// document type (described as that resource's create or update schema by the request's method), or null for bytes
/// (binary content in any of <paramref name="contentTypes"/>).
/// </summary>
/// <param name="body">The body's type, or null for binary content.</param>
/// <param name="contentTypes">The media types the operation accepts.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequestBodyAttribute(Type? body, params string[] contentTypes) : Attribute
{
    /// <summary>The body's type, or null for binary content.</summary>
    public Type? Body { get; } = body;

    /// <summary>The media types the operation accepts.</summary>
    public IReadOnlyList<string> ContentTypes { get; } = contentTypes;
}

/// <summary>A response of <paramref name="status"/> whose body is bytes (e.g. <c>$value</c>), in any of <paramref name="contentTypes"/>.</summary>
/// <param name="status">The status.</param>
/// <param name="contentTypes">The media types it may have.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class BinaryResponseAttribute(int status, params string[] contentTypes) : Attribute
{
    /// <summary>The status.</summary>
    public int Status { get; } = status;

    /// <summary>The media types it may have.</summary>
    public IReadOnlyList<string> ContentTypes { get; } = contentTypes;
}

/// <summary>Endpoint metadata naming the operation that answers, so that the document can read its declarations.</summary>
/// <param name="Operation">The operation's type.</param>
public sealed record DescribedOperationMetadata(Type Operation);
