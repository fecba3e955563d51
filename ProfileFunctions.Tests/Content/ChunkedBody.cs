namespace ProfileFunctions.Tests.Content;

/// <summary>
/// A request body as the server sees a chunked upload: forward only, no length, arriving in pieces; optionally cut
/// off part-way like a client that disconnects.
/// </summary>
internal sealed class ChunkedBody : Stream
{
    private const int ChunkSize = 16 * 1024;

    private readonly byte[]? _content;
    private readonly long _length;
    private readonly long? _failAfter;

    public ChunkedBody(byte[] content)
    {
        _content = content;
        _length = content.Length;
    }

    /// <summary>A body of <paramref name="length"/> zero bytes, failing after <paramref name="failAfter"/> bytes if given.</summary>
    public ChunkedBody(long length, long? failAfter = null)
    {
        _length = length;
        _failAfter = failAfter;
    }

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

    public override int Read(Span<byte> buffer)
    {
        if (_failAfter is { } failAfter && BytesRead >= failAfter)
        {
            throw new IOException("The client disconnected part-way through the body.");
        }

        int count = (int)Math.Min(Math.Min(buffer.Length, ChunkSize), _length - BytesRead);
        if (_content is null)
        {
            buffer[..count].Clear();
        }
        else
        {
            _content.AsSpan((int)BytesRead, count).CopyTo(buffer);
        }

        BytesRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
