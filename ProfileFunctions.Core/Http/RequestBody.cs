using System.Buffers;

namespace ProfileFunctions.Core.Http;

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
