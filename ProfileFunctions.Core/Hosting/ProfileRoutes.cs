

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// The API's route templates, constants so that the Functions app's trigger attributes can name them. What each route
/// answers, and how, is <see cref="RouteTable"/>.
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

    /// <summary>The route of one photo's content (Graph's <c>$value</c>; the <c>$</c> is a literal in both hosts' templates).</summary>
    public const string PhotoContent = "user/{userId}/photos/{photoId}/$value";

    /// <summary>The route of one photo's content in one of Graph's sizes.</summary>
    public const string PhotoSize = "user/{userId}/photos/{photoId}/{size}/$value";

    /// <summary>The values <c>{size}</c> may take: Graph's nine, smallest first.</summary>
    public static IReadOnlyList<string> PhotoSizes { get; } = [.. Content.PhotoSize.All.Select(size => size.Name)];
}
