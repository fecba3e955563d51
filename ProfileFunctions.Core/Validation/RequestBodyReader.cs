using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.Validation;

/// <summary>Reads a request body up to a limit, so that a larger one is refused without ever being held whole.</summary>
internal static class RequestBodyReader
{
    public const int MaxBytes = 65_536;

    private const int FirstChunk = 4_096;

    /// <returns>The body, or null when it is larger than <see cref="MaxBytes"/>.</returns>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        // One byte more than the limit tells "exactly at the limit" from "over it".
        int capacity = request.ContentLength is { } announced ? (int)announced + 1 : FirstChunk;
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

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
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
}
