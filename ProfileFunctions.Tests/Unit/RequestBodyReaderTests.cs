using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit;

public sealed class RequestBodyReaderTests
{
    private static HttpRequest Request(Stream body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_096)]
    [InlineData(4_097)]
    [InlineData(65_536)]
    public async Task ABodyUpToTheLimitIsReadWhole(int length)
    {
        byte[] bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        foreach (long? contentLength in new long?[] { length, null })
        {
            var read = await RequestBodyReader.ReadAsync(Request(new MemoryStream(bytes), contentLength), CancellationToken.None);
            Assert.False(read.IsRefused);
            using var body = read.Body;
            Assert.Equal(bytes, body.Span.ToArray());
        }
    }

    [Fact]
    public async Task ABodyOneByteOverTheLimitIsRefused()
    {
        var read = await RequestBodyReader.ReadAsync(Request(new MemoryStream(new byte[65_537]), contentLength: null), CancellationToken.None);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, read.Refusal?.StatusCode);
    }

    [Fact]
    public async Task AnAnnouncedLengthOverTheLimitIsRefusedWithoutReading()
    {
        var stream = new EndlessStream();
        var read = await RequestBodyReader.ReadAsync(Request(stream, contentLength: 10_000_000), CancellationToken.None);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, read.Refusal?.StatusCode);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task AnEndlessBodyIsRefusedAfterReadingLittleMoreThanTheLimit()
    {
        var stream = new EndlessStream();
        var read = await RequestBodyReader.ReadAsync(Request(stream, contentLength: null), CancellationToken.None);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, read.Refusal?.StatusCode);
        Assert.InRange(stream.BytesRead, 65_537, 2 * 65_537);
    }

    public static TheoryData<Exception> BodyFaults() =>
    [
        new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", StatusCodes.Status408RequestTimeout),
        new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest),
        new BadHttpRequestException("Bad chunk size data.", StatusCodes.Status400BadRequest),
        new ConnectionResetException("The client reset the connection."),
        new IOException("The connection was lost."),
        new OperationCanceledException("The request was aborted."),
    ];

    [Theory]
    [MemberData(nameof(BodyFaults))]
    public async Task ABodyThatCannotBeReadToItsEndIsABadRequestThatSaysWhy(Exception fault)
    {
        var read = await RequestBodyReader.ReadAsync(Request(new FailingStream(fault), contentLength: 100), CancellationToken.None);

        Assert.True(read.IsRefused);
        Assert.Equal(StatusCodes.Status400BadRequest, read.Refusal.StatusCode);
        Assert.Equal("BadRequest", read.Refusal.Code);
        Assert.Contains("send", read.Refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fault.Message, read.Refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>A body whose first read fails as the server's body stream does when the client misbehaves.</summary>
    private sealed class FailingStream(Exception fault) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(fault);
    }

    /// <summary>A body that never ends, counting what is read of it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            BytesRead += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            buffer.Span.Fill((byte)' ');
            BytesRead += buffer.Length;
            return ValueTask.FromResult(buffer.Length);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
