using System.Globalization;
using Azure.Storage.Blobs;
using SkiaSharp;

namespace ProfileFunctions.Bench;

/// <summary>
/// The <c>$value</c> run: PUT of one 200 KB JPEG into a photo of each worker's own (so that workers do not race on one
/// entity), against a raw <see cref="BlobClient.UploadAsync(BinaryData, bool, CancellationToken)"/> of the same bytes.
/// </summary>
internal sealed class ContentWorkload
{
    private readonly WorkerPhotos _photos;
    private readonly BlobContainerClient _raw;

    private ContentWorkload(WorkerPhotos photos, BlobContainerClient raw, byte[] jpeg)
    {
        _photos = photos;
        _raw = raw;
        Jpeg = jpeg;
    }

    public byte[] Jpeg { get; }

    /// <summary>Makes the image, the raw container, and one photo per worker for up to <paramref name="workers"/> workers.</summary>
    public static async Task<ContentWorkload> CreateAsync(HttpClient http, Workload workload, BlobServiceClient blobs, int workers)
    {
        var raw = blobs.GetBlobContainerClient("raw-photos");
        await raw.CreateIfNotExistsAsync();
        return new ContentWorkload(await WorkerPhotos.CreateAsync(http, workload, workers), raw, NoiseJpeg(200 * 1024));
    }

    public Task<string?> PutAsync(int worker, long iteration) => _photos.PutAsync(worker, "image/jpeg", Jpeg);

    public async Task<string?> UploadRawAsync(int worker, long iteration)
    {
        try
        {
            await _raw.GetBlobClient($"worker-{worker}").UploadAsync(BinaryData.FromBytes(Jpeg), overwrite: true);
            return null;
        }
        catch (Azure.RequestFailedException exception)
        {
            return exception.Status.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A JPEG of noise (which compresses badly), grown until it is at least <paramref name="bytes"/> long.</summary>
    public static byte[] NoiseJpeg(int bytes)
    {
        var random = new Random(42);
        for (int side = 200; ; side += 20)
        {
            using var bitmap = new SKBitmap(side, side);
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                }
            }

            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            if (data.Size >= bytes)
            {
                return data.ToArray();
            }
        }
    }
}
