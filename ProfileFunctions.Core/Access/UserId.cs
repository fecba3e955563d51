using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace ProfileFunctions.Core.Access;

/// <summary>The route's userId: an object id or a user principal name, or <c>me</c>.</summary>
internal static class UserId
{
    public const int MaxLength = 128;

    public const string Me = "me";

    // Nothing that Table keys forbid (/ \ # ? and control characters) can get through this set.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@");

    public static bool IsWellFormed(ReadOnlySpan<char> value) =>
        value.Length is >= 1 and <= MaxLength && !value.ContainsAnyExcept(Allowed);

    /// <summary>
    /// The userId as stored (PartitionKey): <c>me</c> resolved to the caller's <c>oid</c>, then lower-cased so that
    /// one user never has two partitions.
    /// </summary>
    /// <param name="routeValue">The route value, already percent-decoded by the host.</param>
    /// <param name="callerObjectId">The token's <c>oid</c>, if it has one.</param>
    /// <param name="userId">The stored form.</param>
    /// <param name="error">Why the value cannot be used, in words a client can act on.</param>
    public static bool TryResolve(
        string routeValue,
        string? callerObjectId,
        [NotNullWhen(true)] out string? userId,
        [NotNullWhen(false)] out string? error)
    {
        userId = null;
        string value = routeValue;
        if (string.Equals(value, Me, StringComparison.OrdinalIgnoreCase))
        {
            if (callerObjectId is null)
            {
                error = "'me' needs a token with an oid claim; this token has none, so name the user by id instead.";
                return false;
            }

            value = callerObjectId;
        }

        if (!IsWellFormed(value))
        {
            error = $"The userId must be 1 to {MaxLength} characters from A-Z, a-z, 0-9, '-', '_', '.' and '@' (an object id or a user principal name).";
            return false;
        }

        userId = value.ToLowerInvariant();
        error = null;
        return true;
    }
}
