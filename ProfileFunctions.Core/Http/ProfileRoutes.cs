namespace ProfileFunctions.Core.Http;

/// <summary>
/// The API's routes, shared by every host so that the Functions app and the local host cannot drift apart.
/// </summary>
public static class ProfileRoutes
{
    /// <summary>The route of a user's profile.</summary>
    public const string Profile = "user/{userId}/profile";

    /// <summary>The route of a user's photos.</summary>
    public const string Photos = "user/{userId}/photos";

    /// <summary>The methods the routes answer; any other method gets 405 with this as its <c>Allow</c> header.</summary>
    public const string AllowedMethods = "POST";
}
