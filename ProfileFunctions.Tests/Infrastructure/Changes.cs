using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>PATCH, DELETE and GET requests as a client sends them, for the update and delete tests.</summary>
internal static class Changes
{
    public const string MergePatch = "application/merge-patch+json";

    public static Task<HttpResponseMessage> PatchAsync(
        this HttpClient client,
        string path,
        string? token,
        string json,
        string contentType = MergePatch,
        string? ifMatch = null,
        string? prefer = null)
    {
        var request = Request(HttpMethod.Patch, path, token, ifMatch);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string path, string? token, string? ifMatch = null) =>
        client.SendAsync(Request(HttpMethod.Delete, path, token, ifMatch));

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? token) =>
        client.SendAsync(Request(HttpMethod.Get, path, token, ifMatch: null));

    /// <summary>Creates a resource and returns its JSON, ETag and location.</summary>
    public static async Task<(string Json, string ETag, string Location)> CreateAsync(this ApiFixture api, string path, string token, string json)
    {
        var response = await api.PostAsync(path, token, json);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var location = response.Headers.Location!;
        return (text, response.Headers.ETag!.ToString(), location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
    }

    /// <summary>A resource as GET returns it: its JSON and ETag, or null JSON for a 404.</summary>
    public static async Task<(string? Json, string? ETag)> ReadAsync(this HttpClient client, string path, string token)
    {
        var response = await client.GetAsync(path, token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }

        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (text, response.Headers.ETag!.ToString());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
