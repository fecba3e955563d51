namespace ProfileFunctions.Core.Content;

/// <summary>Thrown by <see cref="SizeLimitedStream"/> as soon as more bytes arrive than the limit allows.</summary>
internal sealed class ContentTooLargeException(long limit)
    : IOException($"The content is larger than {limit:N0} bytes.");

/// <summary>
/// Reads another stream forward only, and throws <see cref="ContentTooLargeException"/> the moment the bytes read
/// exceed the limit: a chunked body with no Content-Length is refused while it is read, never after.
/// </summary>
internal sealed class SizeLimitedStream(Stream inner, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw new ContentTooLargeException(limit);
        }

        return read;
    }
}
