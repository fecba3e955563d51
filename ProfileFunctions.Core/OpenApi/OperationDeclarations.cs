namespace ProfileFunctions.Core.OpenApi;

// What an operation declares about itself for the OpenAPI document, beyond its Responses: read by the local host's
// OpenApi/OperationDescriptions through the endpoint's DescribedOperationMetadata.

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
/// <c>ETag</c> with 304, <c>WWW-Authenticate</c> with 401, <c>Retry-After</c> with 429 and 503).
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

/// <summary>Endpoint metadata naming a query parameter the operation reads (a string, never required).</summary>
/// <param name="Name">The parameter.</param>
/// <param name="Description">What a client puts in it.</param>
public sealed record DescribedQueryParameter(string Name, string Description);

/// <summary>Endpoint metadata naming the operation that answers, so that the document can read its declarations.</summary>
/// <param name="Operation">The operation's type.</param>
public sealed record DescribedOperationMetadata(Type Operation);
