namespace ProfileFunctions.Tests.Infrastructure;

internal static class Paths
{
    public static string Profile(string userId) => $"/user/{userId}/profile";

    public static string Photos(string userId) => $"/user/{userId}/photos";

    public static string NewUser() => Guid.NewGuid().ToString();
}
