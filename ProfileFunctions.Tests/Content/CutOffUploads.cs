using Azure.Core;
using Azure.Core.Pipeline;

namespace ProfileFunctions.Tests.Content;

/// <summary>
/// A pipeline policy that cuts every blob upload's request body off after <paramref name="bytes"/> bytes, as a network
/// failure part-way through a Put Blob would: storage receives a partial body and a dropped connection.
/// </summary>
internal sealed class CutOffUploads(long bytes) : HttpPipelinePolicy
{
    public int CutCount { get; private set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Wrap(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Wrap(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Wrap(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Put && message.Request.Content is { } content && message.Request.Headers.Contains("x-ms-blob-type"))
        {
            CutCount++;
            message.Request.Content = new CutOffContent(content, bytes);
        }
    }

    private sealed class CutOffContent(RequestContent inner, long bytes) : RequestContent
    {
        public override bool TryComputeLength(out long length) => inner.TryComputeLength(out length);

        public override void WriteTo(Stream stream, CancellationToken cancellationToken) =>
            inner.WriteTo(new CutOffStream(stream, bytes), cancellationToken);

        public override Task WriteToAsync(Stream stream, CancellationToken cancellationToken) =>
            inner.WriteToAsync(new CutOffStream(stream, bytes), cancellationToken);

        public override void Dispose() => inner.Dispose();
    }

    private sealed class CutOffStream(Stream inner, long bytes) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int allowed = (int)Math.Min(buffer.Length, bytes - _written);
            await inner.WriteAsync(buffer[..allowed], cancellationToken);
            await inner.FlushAsync(cancellationToken);
            _written += allowed;
            if (allowed < buffer.Length)
            {
                throw new IOException($"The connection was cut after {_written} bytes of the upload.");
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
