using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Net.Http.Headers;

namespace ProfileFunctions.Core.Http;

/// <summary>Reads a request body up to a limit, so that a larger one is refused without ever being held whole.</summary>
internal static partial class RequestBodyReader
{
    public const int MaxBytes = 65_536;

    private const int FirstChunk = 4_096;

    private const string Category = "ProfileFunctions.Core.Http.RequestBodyReader";

    /// <returns>The body, or the refusal: 413 when it is larger than <see cref="MaxBytes"/>, 400 when it could not be read to its end.</returns>
    public static async Task<RequestBodyRead> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return RequestBodyRead.Refused(ApiError.RequestEntityTooLarge(MaxBytes));
        }

        try
        {
            return await ReadWholeAsync(request.Body, request.ContentLength, cancellationToken) is { } body
                ? RequestBodyRead.Read(body)
                : RequestBodyRead.Refused(ApiError.RequestEntityTooLarge(MaxBytes));
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The client's doing, not the server's: a body that stopped, trickled in under the server's minimum data rate,
            // was framed wrongly (Kestrel's BadHttpRequestException is an IOException), or a connection that went away.
            // When the client is gone, nobody reads the answer; when it is still there, it learns what to fix.
            var logger = Logger(request);
            LogUnreadable(logger, request.Method, exception.Message);
            return RequestBodyRead.Refused(ApiError.BadRequest(IsTooSlow(exception)
                ? "The request body arrived too slowly (the server needs at least 240 bytes a second after the first 5 seconds); send it again, whole and without pauses."
                : "The request body could not be read to its end: it stopped before its announced length, was framed wrongly, or the connection failed. Send the whole body again."));
        }
    }

    private static async Task<RequestBody?> ReadWholeAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
    {
        // One byte more than the limit tells "exactly at the limit" from "over it".
        int capacity = contentLength is { } announced ? (int)announced + 1 : FirstChunk;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(capacity);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    var body = new RequestBody(buffer, length);
                    buffer = [];
                    return body;
                }

                length += read;
                if (length > MaxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    // Kestrel reports a body under its minimum data rate as 408 Request Timeout.
    private static bool IsTooSlow(Exception exception) =>
        exception is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout };

    private static ILogger Logger(HttpRequest request) =>
        request.HttpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(Category) ?? NullLogger.Instance;

    [LoggerMessage(Level = LogLevel.Information, Message = "The body of a {Method} request could not be read ({Reason}); answered 400")]
    private static partial void LogUnreadable(ILogger logger, string method, string reason);
}

/// <summary>What reading a request body gave: the body, or the contract's answer when there is none to use.</summary>
internal sealed class RequestBodyRead
{
    private RequestBodyRead(RequestBody? body, ApiError? refusal)
    {
        Body = body;
        Refusal = refusal;
    }

    public RequestBody? Body { get; }

    public ApiError? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Refusal))]
    [MemberNotNullWhen(false, nameof(Body))]
    public bool IsRefused => Refusal is not null;

    public static RequestBodyRead Read(RequestBody body) => new(body, null);

    public static RequestBodyRead Refused(ApiError refusal) => new(null, refusal);
}

/// <summary>A request body read into a pooled buffer; disposing returns the buffer.</summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    public RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(RequestBody))).AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A request body's Content-Type: parameters allowed; for JSON bodies, the charset (if named) must be UTF-8.</summary>
internal static class ContentTypeRule
{
    /// <summary><c>application/json</c>: what a create takes.</summary>
    public static bool IsJson(string? contentType) => IsUtf8(contentType, "application/json");

    /// <summary>The bare media type of a Content-Type header (parameters dropped), or null when it does not parse.</summary>
    public static string? MediaTypeOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.HasValue ? parsed.MediaType.Value : null;

    /// <summary>
    /// <paramref name="contentType"/> names <paramref name="mediaType"/> (case-insensitively), in UTF-8 or with no
    /// charset named.
    /// </summary>
    public static bool IsUtf8(string? contentType, string mediaType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
        return charset.Length == 0
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A PATCH body: <c>application/merge-patch+json</c> (RFC 7396's own type) or <c>application/json</c>, UTF-8.</summary>
internal static class PatchContentTypeRule
{
    public const string MergePatch = "application/merge-patch+json";

    public static bool IsAccepted(string? contentType) =>
        ContentTypeRule.IsJson(contentType) || ContentTypeRule.IsUtf8(contentType, MergePatch);
}
