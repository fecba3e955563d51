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

    /// <summary>The route of one photo.</summary>
    public const string Photo = "user/{userId}/photos/{photoId}";

    /// <summary>The methods the profile and photos routes answer; any other gets 405 with this as its <c>Allow</c> header.</summary>
    public const string AllowedMethods = "GET, POST";

    /// <summary>The methods the route of one photo answers.</summary>
    public const string PhotoAllowedMethods = "GET";
}
