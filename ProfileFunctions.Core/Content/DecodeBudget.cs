using System.Threading.RateLimiting;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// The process's memory budget for decoding images, in megapixels of 4 bytes (RGBA, what a decoded pixel takes): an
/// image takes its share before any pixel is decoded, whatever its format or the decoder's path, and gives it back when
/// done. Its share is its width × height, and more where the decoder holds more than the decoded pixels for the whole
/// image (a progressive CMYK JPEG's coefficients, 8 bytes a pixel: three times; an interlaced 16-bit RGBA PNG's rows,
/// 8 bytes a pixel: three times), rounded up to whole megapixels and at most the whole budget. However many uploads
/// arrive at once, the images decoded together then hold about the budget × 4 bytes: a decoder's memory follows the
/// image's pixels, not the file's size.
/// </summary>
/// <remarks>
/// A per-process resource limit, not a lock for correctness. <see cref="ConcurrencyLimiter"/> with a permit per megapixel:
/// waiters are served oldest first, so a large image is not starved by a stream of small ones.
/// </remarks>
internal sealed class DecodeBudget : IDisposable
{
    /// <summary>
    /// How long an upload waits for its share once its body is in. The contract answers a 503 within 10 seconds; the
    /// client's sending is its own time, and after the wait come the decode (about a second at 25 megapixels) and storage.
    /// </summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(5);

    private const double PixelsPerMegapixel = 1_000_000;

    // What a decoded pixel takes (RGBA, 8 bits a channel): the unit of the budget.
    private const double BytesPerPixel = 4;

    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _maxWait;

    public DecodeBudget(int megapixels, TimeSpan maxWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(megapixels, 1);
        Megapixels = megapixels;
        _maxWait = maxWait;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = megapixels,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,

            // Every waiter may queue: the wait is bounded by time, not by the queue's length.
            QueueLimit = int.MaxValue,
        });
    }

    public int Megapixels { get; }

    /// <summary>
    /// The share an image of <paramref name="width"/> × <paramref name="height"/> takes when its decoder also holds
    /// <paramref name="heldBytesPerPixel"/> for the whole image: its megapixels of 4 bytes rounded up, at most the whole budget.
    /// </summary>
    public int ShareOf(int width, int height, double heldBytesPerPixel = 0) =>
        ShareOf((double)width * height * (BytesPerPixel + Math.Max(0, heldBytesPerPixel)));

    /// <summary>The share of a decode that holds <paramref name="bytes"/> in all: whole megapixels of 4 bytes, at least one, at most the budget.</summary>
    public int ShareOf(double bytes) =>
        (int)Math.Min(Megapixels, Math.Max(1, Math.Ceiling((bytes / BytesPerPixel / PixelsPerMegapixel) - 1e-9)));

    /// <summary>
    /// Takes the image's share, waiting at most the budget's wait; null when it could not be had in time (the caller
    /// answers 503). Dispose the lease when the decode ends.
    /// </summary>
    public Task<IDisposable?> TakeAsync(int width, int height, CancellationToken cancellationToken, double heldBytesPerPixel = 0) =>
        TakeSharedAsync(ShareOf(width, height, heldBytesPerPixel), cancellationToken);

    /// <summary>As <see cref="TakeAsync"/>, for a decode that holds <paramref name="bytes"/> in all.</summary>
    public Task<IDisposable?> TakeBytesAsync(double bytes, CancellationToken cancellationToken) =>
        TakeSharedAsync(ShareOf(bytes), cancellationToken);

    private async Task<IDisposable?> TakeSharedAsync(int share, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_maxWait);
        try
        {
            var lease = await _limiter.AcquireAsync(share, deadline.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
