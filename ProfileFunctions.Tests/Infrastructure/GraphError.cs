using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>Asserts that a response is the contract's error: status, code, Graph body, correlation headers.</summary>
internal static class GraphError
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());

        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));

        var inner = error.GetProperty("innerError");
        var date = DateTime.ParseExact(inner.GetProperty("date").GetString()!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.InRange(date, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));

        string requestId = inner.GetProperty("request-id").GetString()!;
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("request-id")));
        return error.Clone();
    }
}
