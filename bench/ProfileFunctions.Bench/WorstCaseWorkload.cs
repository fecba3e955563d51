using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ProfileFunctions.Testing;

namespace ProfileFunctions.Bench;

/// <summary>
/// The worst-case <c>$value</c> run: PUTs of the images within the contract's limits that cost a decoder the most memory
/// (<see cref="WorstImages"/>), each worker into a photo of its own, to see the API's peak memory under the decode budget.
/// </summary>
internal sealed class WorstCaseWorkload
{
    private readonly HttpClient _http;
    private readonly Workload _workload;
    private readonly List<(int User, string Photo)> _photos = [];

    private WorstCaseWorkload(HttpClient http, Workload workload)
    {
        _http = http;
        _workload = workload;
    }

    /// <summary>The images, by name: what each one makes a decoder hold.</summary>
    public static IReadOnlyList<(string Name, string ContentType, byte[] Bytes)> Images() =>
    [
        ("progressive CMYK JPEG 10000x2500", "image/jpeg", WorstImages.ProgressiveCmykJpeg()),
        ("interlaced 16-bit PNG 5000x5000", "image/png", WorstImages.Interlaced16BitPng()),
    ];

    /// <summary>One photo per worker for up to <paramref name="workers"/> workers.</summary>
    public static async Task<WorstCaseWorkload> CreateAsync(HttpClient http, Workload workload, int workers)
    {
        var content = new WorstCaseWorkload(http, workload);
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

    /// <summary>An operation for <see cref="LoadRun"/>: PUT <paramref name="image"/> into the worker's photo.</summary>
    public Func<int, long, Task<string?>> Put(string contentType, byte[] image) => async (worker, _) =>
    {
        var (user, photo) = _photos[worker];
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/user/{_workload.UserIds[user]}/photos/{photo}/$value")
        {
            Content = new ByteArrayContent(image),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
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
    };
}
