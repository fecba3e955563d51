namespace ProfileFunctions.Tests.Infrastructure;

internal static class Paths
{
    public static string Profile(string userId) => $"/user/{userId}/profile";

    public static string Photos(string userId) => $"/user/{userId}/photos";

    public static string NewUser() => Guid.NewGuid().ToString();

    /// <summary>The absolute link the API gives for <paramref name="path"/> when called through <paramref name="client"/>: its scheme and Host.</summary>
    public static string Absolute(HttpClient client, string path) => new Uri(client.BaseAddress!, path).AbsoluteUri;
}
