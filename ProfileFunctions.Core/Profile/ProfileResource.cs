

using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Profile;

/// <summary>What a profile is to its handlers: its OData type, where it lives, its JSON, and what its answers say.</summary>
internal static class ProfileResource
{
    public static readonly ResourceKind Kind = new("profile", "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile", hasDimensions: false);

    public static string Location(string userId) => $"/user/{userId}/profile";

    /// <summary>The profile as every answer gives it: what its create returned, changed only by later writes.</summary>
    public static byte[] Json(ProfileEntity profile) =>
        ResourceJson.Compose(Kind, Guid.Parse(profile.Id), height: null, width: null, profile.Body);

    public static ApiError NotFound(string userId) => ApiError.NotFound($"User '{userId}' has no profile.");

    public static ApiError AlreadyExists(string userId) => ApiError.Conflict($"User '{userId}' already has a profile.");

    public static ApiError PreconditionFailed() => ApiError.PreconditionFailed(
        "The profile has changed since the version named in If-Match: read it again for its current ETag, and retry with that.");
}
