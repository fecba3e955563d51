using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Blobs;
using SkiaSharp;

namespace ProfileFunctions.Bench;

/// <summary>
/// The <c>$value</c> run: PUT of one 200 KB JPEG into a photo of each worker's own (so that workers do not race on one
/// entity), against a raw <see cref="BlobClient.UploadAsync(BinaryData, bool, CancellationToken)"/> of the same bytes.
/// </summary>
internal sealed class ContentWorkload
{
    private readonly HttpClient _http;
    private readonly Workload _workload;
    private readonly BlobContainerClient _raw;
    private readonly List<(int User, string Photo)> _photos = [];

    private ContentWorkload(HttpClient http, Workload workload, BlobContainerClient raw, byte[] jpeg)
    {
        _http = http;
        _workload = workload;
        _raw = raw;
        Jpeg = jpeg;
    }

    public byte[] Jpeg { get; }

    /// <summary>Makes the image, the raw container, and one photo per worker for up to <paramref name="workers"/> workers.</summary>
    public static async Task<ContentWorkload> CreateAsync(HttpClient http, Workload workload, BlobServiceClient blobs, int workers)
    {
        var raw = blobs.GetBlobContainerClient("raw-photos");
        await raw.CreateIfNotExistsAsync();
        var content = new ContentWorkload(http, workload, raw, NoiseJpeg(200 * 1024));
        for (int worker = 0; worker < workers; worker++)
        {
            int user = worker % Workload.Users;
            using var request = workload.PhotoRequest(user);
            using var response = await http.SendAsync(request);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            content._photos.Add((user, json.RootElement.GetProperty("id").GetString()!));
        }

        return content;
    }

    public async Task<string?> PutAsync(int worker, long iteration)
    {
        var (user, photo) = _photos[worker];
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/user/{_workload.UserIds[user]}/photos/{photo}/$value")
        {
            Content = new ByteArrayContent(Jpeg),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _workload.Tokens[user]);
        try
        {
            using var response = await _http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.NoContent ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
    }

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
    private static byte[] NoiseJpeg(int bytes)
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
