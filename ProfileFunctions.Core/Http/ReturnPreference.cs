using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ProfileFunctions.Core.Http;

/// <summary>The <c>Prefer: return=minimal</c> preference (RFC 7240), with which a client asks for 204 instead of the resource.</summary>
internal static class ReturnPreference
{
    public const string Minimal = "return=minimal";

    /// <summary>Whether any of the request's preferences is <c>return=minimal</c> (its parameters, if any, ignored).</summary>
    public static bool IsMinimal(HttpRequest request)
    {
        foreach (string? line in request.Headers["Prefer"])
        {
            // Preferences are a comma-separated list; each may carry ";"-separated parameters after its name=value.
            foreach (string preference in (line ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                string token = preference.Split(';', 2)[0];
                if (NameValueHeaderValue.TryParse(token, out var pair)
                    && pair.Name.Equals("return", StringComparison.OrdinalIgnoreCase)
                    && HeaderUtilities.RemoveQuotes(pair.Value).Equals("minimal", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
