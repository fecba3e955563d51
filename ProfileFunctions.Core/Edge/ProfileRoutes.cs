namespace ProfileFunctions.Core.Edge;

/// <summary>
/// The API's routes and the methods each answers, shared by every host so that the Functions app and the local host
/// cannot drift apart.
/// </summary>
public static class ProfileRoutes
{
    /// <summary>The route of a user: everything stored for them.</summary>
    public const string User = "user/{userId}";

    /// <summary>The route of a user's profile.</summary>
    public const string Profile = "user/{userId}/profile";

    /// <summary>The route of a user's photos.</summary>
    public const string Photos = "user/{userId}/photos";

    /// <summary>The route of one photo.</summary>
    public const string Photo = "user/{userId}/photos/{photoId}";

    /// <summary>The methods <see cref="User"/> answers.</summary>
    public const string UserMethods = "DELETE";
    /// <summary>The route of one photo's content (Graph's <c>$value</c>; the <c>$</c> is a literal in both hosts' templates).</summary>
    public const string PhotoContent = "user/{userId}/photos/{photoId}/$value";

    /// <summary>The methods <see cref="Profile"/> answers; any other gets 405 with this as its <c>Allow</c> header.</summary>
    public const string ProfileMethods = "GET, POST, PATCH, DELETE";

    /// <summary>The methods <see cref="Photos"/> answers.</summary>
    public const string PhotosMethods = "GET, POST";

    /// <summary>The methods <see cref="Photo"/> answers.</summary>
    public const string PhotoMethods = "GET, PATCH, DELETE";

    /// <summary>The methods <see cref="PhotoContent"/> answers.</summary>
    public const string PhotoContentMethods = "GET, PUT";
}
