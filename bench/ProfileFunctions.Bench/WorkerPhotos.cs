using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ProfileFunctions.Bench;

/// <summary>
/// A photo of each worker's own, so that workers do not race on one entity, and the <c>$value</c> PUT into it: what the
/// <c>$value</c> runs share.
/// </summary>
internal sealed class WorkerPhotos
{
    private readonly HttpClient _http;
    private readonly Workload _workload;
    private readonly List<(int User, string Photo)> _photos = [];

    private WorkerPhotos(HttpClient http, Workload workload)
    {
        _http = http;
        _workload = workload;
    }

    /// <summary>One photo per worker for up to <paramref name="workers"/> workers.</summary>
    public static async Task<WorkerPhotos> CreateAsync(HttpClient http, Workload workload, int workers)
    {
        var photos = new WorkerPhotos(http, workload);
        for (int worker = 0; worker < workers; worker++)
        {
            int user = worker % Workload.Users;
            using var request = workload.PhotoRequest(user);
            using var response = await http.SendAsync(request);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            photos._photos.Add((user, json.RootElement.GetProperty("id").GetString()!));
        }

        return photos;
    }

    /// <summary>The worker's photo: its user's id and its own.</summary>
    public (string UserId, string PhotoId) Of(int worker) => (_workload.UserIds[_photos[worker].User], _photos[worker].Photo);

    /// <summary>GETs <paramref name="relative"/> under the worker's photo and reads the body: null for the 200, else the status or the transport error.</summary>
    public async Task<string?> GetAsync(int worker, string relative)
    {
        var (user, photo) = _photos[worker];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/user/{_workload.UserIds[user]}/photos/{photo}/{relative}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _workload.Tokens[user]);
        try
        {
            using var response = await _http.SendAsync(request);
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode == HttpStatusCode.OK ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
    }

    /// <summary>PUTs <paramref name="image"/> into the worker's photo: null for the 204, else the status or the transport error.</summary>
    public async Task<string?> PutAsync(int worker, string contentType, byte[] image)
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
    }
}
