using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// A create's <c>Repeatability-Request-ID</c> and <c>Repeatability-First-Sent</c> (OASIS Repeatable Requests, as
/// Azure's REST API guidelines use them): a key the client sends again with every retry of the same create.
/// </summary>
internal sealed record RepeatableRequest(string Key)
{
    public const string RequestIdHeader = "Repeatability-Request-ID";
    public const string FirstSentHeader = "Repeatability-First-Sent";
    public const string ResultHeader = "Repeatability-Result";
    public const string Accepted = "accepted";
    public const int MaxKeyLength = 64;

    // asctime with a one-digit day, padded with a space ("Nov  6").
    private const string AsctimeOneDigitDay = "ddd MMM  d HH':'mm':'ss yyyy";

    // The namespace of keyed photo ids: fixed for good, since changing it would give a retry another id.
    private static readonly Guid PhotoIdNamespace = new("3d0f6c52-8a1e-4b7e-9f25-6c4e0d2a9b13");

    // RFC 9110 section 5.6.7: IMF-fixdate, then the obsolete RFC 850 and asctime forms (asctime's day is two digits or a
    // space and one). HeaderUtilities.TryParseDate accepts more than these (checked: "Sun, 6 Nov 1994 08:49:37 GMT",
    // "... +0000", no day name), and DateTime's exact parsing ignores the case of names, so each form is parsed exactly
    // and must also print back to the very text sent.
    private static readonly string[] DateFormats =
    [
        "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        "dddd, dd'-'MMM'-'yy HH':'mm':'ss 'GMT'",
        "ddd MMM dd HH':'mm':'ss yyyy",
        AsctimeOneDigitDay,
    ];

    /// <summary>
    /// The id of a keyed photo create without a body id: the same for every repeat of the request, and only for it (the
    /// key's scope is the user and the caller). None of the three can hold a line feed, so the name is unambiguous.
    /// </summary>
    public Guid PhotoId(string userId, string caller) => NameBasedGuid.Create(PhotoIdNamespace, $"{userId}\n{caller}\n{Key}");

    /// <summary>Reads the headers: no key (null, no error), a key, or the 400's message.</summary>
    public static bool TryRead(IHeaderDictionary headers, out RepeatableRequest? request, out string? error)
    {
        request = null;
        error = null;
        bool hasKey = headers.TryGetValue(RequestIdHeader, out var keys);
        bool hasFirstSent = headers.TryGetValue(FirstSentHeader, out var firstSent);
        if (!hasKey)
        {
            if (hasFirstSent)
            {
                error = $"{FirstSentHeader} was sent without {RequestIdHeader}: send both, or neither.";
                return false;
            }

            return true;
        }

        if (keys.Count != 1 || !IsKey(keys[0]))
        {
            error = $"{RequestIdHeader} must be one value of 1 to {MaxKeyLength} characters from A-Z a-z 0-9 - _ . :";
            return false;
        }

        if (hasFirstSent && (firstSent.Count != 1 || !IsHttpDate(firstSent[0])))
        {
            error = $"{FirstSentHeader} must be one HTTP-date, e.g. 'Sun, 06 Nov 1994 08:49:37 GMT'.";
            return false;
        }

        request = new RepeatableRequest(keys[0]!);
        return true;
    }

    public static bool IsKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public static bool IsHttpDate(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (string format in DateFormats)
        {
            // asctime's space-padded day is one digit: 'd' also prints 16, and "Nov  16" is no HTTP-date.
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && string.Equals(date.ToString(format, CultureInfo.InvariantCulture), text, StringComparison.Ordinal)
                && (format != AsctimeOneDigitDay || date.Day < 10))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A 201 of a request that sent a key: the resource, with <c>Repeatability-Result: accepted</c>.</summary>
internal sealed class RepeatabilityAccepted(IResult created) : IResult
{
    public IResult Created { get; } = created;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[RepeatableRequest.ResultHeader] = RepeatableRequest.Accepted;
        return Created.ExecuteAsync(httpContext);
    }
}

/// <summary>
/// Name-based UUIDs, version 5 (RFC 9562 section 5.5): SHA-1 over a namespace and a name, so the same name always
/// gives the same id. .NET has no API for them.
/// </summary>
internal static class NameBasedGuid
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 9562 defines version 5 UUIDs with SHA-1; the id is a name, not a secret or a signature.")]
    public static Guid Create(Guid namespaceId, string name)
    {
        // The namespace goes in as its RFC byte order (big-endian fields), which is not Guid.ToByteArray's.
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        Span<byte> uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // the RFC's variant
        return new Guid(uuid, bigEndian: true);
    }
}
