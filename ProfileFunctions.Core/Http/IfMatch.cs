using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// A request's <c>If-Match</c> precondition (RFC 9110 section 13.1.1): <c>*</c>, or a list of entity tags of which the
/// current one must be one. Tags are compared weakly, because Table Storage's ETags are weak (<c>W/"datetime'…'"</c>)
/// and a client may send one back with or without its <c>W/</c>.
/// </summary>
internal sealed class IfMatch
{
    private readonly IList<EntityTagHeaderValue> _tags;

    private IfMatch(IList<EntityTagHeaderValue> tags) => _tags = tags;

    /// <summary>The header was <c>*</c>: any current version matches.</summary>
    public bool IsAny => _tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any));

    /// <summary>The request's <c>If-Match</c>, or the 400 for one that cannot be read.</summary>
    public static bool TryRead(HttpRequest request, out IfMatch? ifMatch, [NotNullWhen(false)] out IResult? refusal)
    {
        refusal = null;
        if (TryParse(request.Headers.IfMatch, out ifMatch, out var error))
        {
            return true;
        }

        refusal = ApiError.BadRequest(error);
        return false;
    }

    /// <summary>Reads the header's values.</summary>
    /// <param name="header">Every <c>If-Match</c> field line of the request.</param>
    /// <param name="ifMatch">The precondition, or null when the request has no <c>If-Match</c> at all.</param>
    /// <param name="error">Why the header cannot be read (400), in words a client can act on.</param>
    public static bool TryParse(StringValues header, out IfMatch? ifMatch, [NotNullWhen(false)] out string? error)
    {
        ifMatch = null;
        error = null;
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            error = "The If-Match header must be * or a comma-separated list of entity tags, each in double quotes (such as W/\"datetime'…'\" as given in ETag).";
            return false;
        }

        // "*" stands alone (RFC 9110: If-Match = "*" / #entity-tag); mixed with tags it has no meaning.
        if (tags.Count > 1 && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            error = "The If-Match header must be either * alone or a list of entity tags, not both.";
            return false;
        }

        ifMatch = new IfMatch(tags);
        return true;
    }

    /// <summary>Whether the resource's current ETag satisfies the precondition (RFC 9110's weak comparison).</summary>
    /// <param name="currentETag">The stored ETag in header form, as Table Storage gives it.</param>
    public bool Matches(string currentETag)
    {
        if (IsAny)
        {
            return true;
        }

        return EntityTagHeaderValue.TryParse(currentETag, out var current)
            && _tags.Any(tag => tag.Compare(current, useStrongComparison: false));
    }
}
