using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SkiaSharp;

namespace ProfileFunctions.Bench;

/// <summary>
/// The photo sizes runs: GET of a size already made (48x48 of the 200 KB JPEG, each worker its own photo) against a raw
/// <c>BlobClient.DownloadContentAsync</c> of the same size blob; the first GET of a size of a 25 MP JPEG; and
/// the API's peak memory while 32 clients each ask for a size of a 25 MP JPEG that nobody has asked for yet.
/// </summary>
internal sealed class SizeWorkload
{
    public const string MadeSize = "48x48";

    private readonly WorkerPhotos _photos;
    private readonly BlobClient[] _raw;

    private SizeWorkload(WorkerPhotos photos, BlobClient[] raw)
    {
        _photos = photos;
        _raw = raw;
    }

    /// <summary>One photo per worker holding <paramref name="jpeg"/>, its <see cref="MadeSize"/> made, and that size's blob for the raw side.</summary>
    public static async Task<SizeWorkload> CreateAsync(HttpClient http, Workload workload, BlobServiceClient blobs, int workers, byte[] jpeg)
    {
        var photos = await WorkerPhotos.CreateAsync(http, workload, workers);
        var container = blobs.GetBlobContainerClient("profile-photos");
        var raw = new BlobClient[workers];
        for (int worker = 0; worker < workers; worker++)
        {
            Require(await photos.PutAsync(worker, "image/jpeg", jpeg), "PUT");
            Require(await photos.GetAsync(worker, $"{MadeSize}/$value"), "first GET of a size");
            var (user, photo) = photos.Of(worker);
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{user}/{photo}/" }))
            {
                if (blob.Name.EndsWith($"/{MadeSize}", StringComparison.Ordinal))
                {
                    raw[worker] = container.GetBlobClient(blob.Name);
                }
            }
        }

        return new SizeWorkload(photos, raw);
    }

    public Task<string?> GetAsync(int worker, long iteration) => _photos.GetAsync(worker, $"{MadeSize}/$value");

    public async Task<string?> DownloadRawAsync(int worker, long iteration)
    {
        try
        {
            await _raw[worker].DownloadContentAsync();
            return null;
        }
        catch (Azure.RequestFailedException exception)
        {
            return exception.Status.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Milliseconds from sending to the last byte of the first GET of <paramref name="size"/>, each in a photo of its own
    /// that holds <paramref name="image"/> (nobody asked for a size of it before).
    /// </summary>
    public static async Task<List<double>> FirstGetsAsync(HttpClient http, Workload workload, byte[] image, string size, int photos)
    {
        var made = await WorkerPhotos.CreateAsync(http, workload, photos);
        var times = new List<double>();
        for (int worker = 0; worker < photos; worker++)
        {
            Require(await made.PutAsync(worker, "image/jpeg", image), "PUT of the 25 MP JPEG");
            var stopwatch = Stopwatch.StartNew();
            Require(await made.GetAsync(worker, $"{size}/$value"), "first GET of a size");
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>
    /// The API's peak resident memory while <paramref name="clients"/> clients each GET <paramref name="size"/> of a photo
    /// of their own holding <paramref name="image"/>, all at once and all for the first time; with the answers' statuses.
    /// </summary>
    public static async Task<(long PeakBytes, string Statuses)> FirstGetsAtOnceAsync(HttpClient http, Workload workload, byte[] image, string size, int clients, ProcessProbe api)
    {
        var photos = await WorkerPhotos.CreateAsync(http, workload, clients);
        for (int worker = 0; worker < clients; worker++)
        {
            Require(await photos.PutAsync(worker, "image/jpeg", image), "PUT of the 25 MP JPEG");
        }

        long peak = api.ResidentBytes;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, api.ResidentBytes);
                await Task.Delay(5);
            }
        });
        string?[] answers = await Task.WhenAll(Enumerable.Range(0, clients).Select(worker => photos.GetAsync(worker, $"{size}/$value")));
        await done.CancelAsync();
        await sampler;
        string statuses = string.Join(", ", answers.GroupBy(answer => answer ?? "200").Select(group => $"{group.Key} x{group.Count()}"));
        return (peak, statuses);
    }

    /// <summary>
    /// A photo-like JPEG of <paramref name="width"/> × <paramref name="height"/> (gradients with a little noise, quality
    /// 85): what a phone's 25 MP picture is to a decoder, within the contract's 4 MiB.
    /// </summary>
    public static byte[] PhotoLikeJpeg(int width, int height)
    {
        var random = new Random(25);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = bitmap.GetPixelSpan();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int at = ((y * width) + x) * 4;
                int noise = random.Next(10);
                pixels[at] = (byte)Math.Min(255, (x * 250 / width) + noise);
                pixels[at + 1] = (byte)Math.Min(255, (y * 250 / height) + noise);
                pixels[at + 2] = (byte)Math.Min(255, ((x + y) * 125 / (width + height)) + noise);
                pixels[at + 3] = 255;
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static void Require(string? failure, string what)
    {
        if (failure is not null)
        {
            throw new InvalidOperationException($"The {what} failed: {failure}");
        }
    }
}
