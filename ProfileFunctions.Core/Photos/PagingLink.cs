using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ProfileFunctions.Core.Photos;

/// <summary>
/// The <c>$skiptoken</c> of a collection's next page: the last row key of the page before, bound to the user whose
/// collection it pages and signed, so that a changed or transplanted token is refused rather than followed.
/// </summary>
internal static class PagingLink
{
    public const string Parameter = "$skiptoken";

    private const char Separator = '\n';

    public static string Create(byte[] key, string userId, string lastRowKey)
    {
        byte[] payload = Encoding.UTF8.GetBytes(userId + Separator + lastRowKey);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    public static bool TryRead(byte[] key, string userId, string token, [NotNullWhen(true)] out string? lastRowKey)
    {
        lastRowKey = null;
        string[] parts = token.Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out byte[]? payload) || !TryDecode(parts[1], out byte[]? signature)
            || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature))
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(payload);
        int separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0 || !string.Equals(text[..separator], userId, StringComparison.Ordinal))
        {
            return false;
        }

        lastRowKey = text[(separator + 1)..];
        return true;
    }

    private static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length == 0 || !Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }
}
