using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>Requests on a photo's <c>$value</c> for the content tests, over the shared API's client.</summary>
internal sealed class PhotoContentClient(ApiFixture api)
{
    public static string Value(string userId, string photoId) => $"/user/{userId}/photos/{photoId}/$value";

    /// <summary>Creates a photo for <paramref name="user"/> and returns its id.</summary>
    public async Task<string> CreatePhotoAsync(string user, string token, string body = """{"height":480,"width":640,"caption":"lake"}""")
    {
        var response = await api.PostAsync(Paths.Photos(user), token, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> PutAsync(string path, string? token, HttpContent content, string? contentType, string? ifMatch = null)
    {
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
        Authorize(request, token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return api.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PutAsync(string path, string? token, byte[] bytes, string? contentType, string? ifMatch = null) =>
        PutAsync(path, token, new ByteArrayContent(bytes), contentType, ifMatch);

    public Task<HttpResponseMessage> GetAsync(string path, string? token, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(request, token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return api.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>PUTs an image and returns the content's ETag, asserting the 204.</summary>
    public async Task<string> StoreAsync(string user, string token, string photoId, byte[] image, string contentType)
    {
        var response = await PutAsync(Value(user, photoId), token, image, contentType);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    private static void Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }
}
