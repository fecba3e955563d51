using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace ProfileFunctions.Bench;

/// <summary>The photo every run writes: about 1 KB of JSON, for 100 users, each with a delegated RS256 token.</summary>
internal sealed class Workload
{
    public const int Users = 100;

    private Workload(string[] userIds, string[] tokens, string body, byte[] storedBody)
    {
        UserIds = userIds;
        Tokens = tokens;
        Body = body;
        StoredBody = storedBody;
    }

    public string[] UserIds { get; }

    public string[] Tokens { get; }

    /// <summary>The request body the API receives.</summary>
    public string Body { get; }

    /// <summary>What the API stores of it (everything but height and width), for the raw runs.</summary>
    public byte[] StoredBody { get; }

    public static Workload Create(Func<string, string> tokenFor)
    {
        string[] users = Enumerable.Range(0, Users).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var rest = new Dictionary<string, object>
        {
            ["caption"] = "Sunrise over the lake, taken from the north shore",
            ["description"] = string.Concat(Enumerable.Repeat("A quiet morning with mist over still water. ", 14)),
            ["takenDateTime"] = "2026-06-21T04:52:10Z",
            ["camera"] = new { make = "Contoso", model = "Lumen 7", focalLength = 35.0, iso = 200 },
            ["location"] = new { latitude = 47.6062, longitude = -122.3321 },
            ["tags"] = new[] { "lake", "sunrise", "mist", "morning", "landscape" },
        };
        byte[] stored = JsonSerializer.SerializeToUtf8Bytes(rest);
        string body = "{\"height\":480,\"width\":640," + Encoding.UTF8.GetString(stored, 1, stored.Length - 1);
        return new Workload(users, users.Select(tokenFor).ToArray(), body, stored);
    }

    /// <summary>The API call: a user's photo, with that user's token.</summary>
    public HttpRequestMessage PhotoRequest(int user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/user/{UserIds[user]}/photos")
        {
            Content = new StringContent(Body, MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[user]);
        return request;
    }

    /// <summary>The entity the API writes for a photo, built straight for Azure.Data.Tables.</summary>
    public TableEntity Entity(int user)
    {
        string id = Guid.NewGuid().ToString();
        return new TableEntity(UserIds[user], id)
        {
            ["Id"] = id,
            ["Body"] = StoredBody,
            ["CreatedBy"] = UserIds[user],
            ["CreatedDateTime"] = DateTimeOffset.UtcNow,
            ["Height"] = 480,
            ["Width"] = 640,
        };
    }
}
