using Microsoft.OpenApi;
using ProfileFunctions.Core.OpenApi;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>What each header the document names holds, as the contract states it.</summary>
internal static class HeaderSchemas
{
    private const string DayName = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private const string LongDayName = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private const string Month = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private const string Day = "(0[1-9]|[12][0-9]|3[01])";
    private const string Time = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]";

    /// <summary>
    /// What RepeatableRequest.IsHttpDate accepts, as far as a pattern can say it: IMF-fixdate, RFC 850 and asctime (whose
    /// day is two digits or a space and one), with the names in their exact case. The date's existence and its day name
    /// are the description's to say.
    /// </summary>
    public const string HttpDatePattern =
        "^(" + DayName + ", " + Day + " " + Month + " [0-9]{4} " + Time + " GMT"
        + "|" + LongDayName + ", " + Day + "-" + Month + "-[0-9]{2} " + Time + " GMT"
        + "|" + DayName + " " + Month + " (" + Day + "| [1-9]) " + Time + " [0-9]{4})$";

    private static readonly Dictionary<string, (string Description, Func<OpenApiSchema> Schema)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [DescribedHeaders.RequestId] = ("A new GUID for this request; an error's innerError.request-id is the same.", () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }),
        [DescribedHeaders.ClientRequestId] = ("The client's own id for the request, echoed on the response and in an error's innerError.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.ETag] = ("The entity's tag (weak).", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.Location] = ("The created resource's absolute URL.", () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" }),
        [DescribedHeaders.RetryAfter] = ("Seconds to wait before a retry.", () => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "60" }),
        [DescribedHeaders.WwwAuthenticate] = ("The bearer challenge.", () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^Bearer" }),
        [DescribedHeaders.IfNoneMatch] = ("The ETag the client holds: 304 while it is still the entity's.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.IfMatch] = ("'*' or a list of entity tags (weak comparison): 412 unless the current ETag is among them.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.Prefer] = ("'return=minimal' answers 204 with the ETag and no body.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.RepeatabilityRequestId] = ("OASIS Repeatable Requests: the client's key, which makes a retry of the create safe.", () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^[A-Za-z0-9\-_.:]{1,64}$" }),
        [DescribedHeaders.RepeatabilityFirstSent] = (
            "OASIS Repeatable Requests: when the request was first sent, an HTTP-date (RFC 9110, 5.6.7), only with "
                + "Repeatability-Request-ID. IMF-fixdate ('Sun, 06 Nov 1994 08:49:37 GMT'), or one of the obsolete forms RFC 9110 "
                + "makes recipients accept: RFC 850 ('Sunday, 06-Nov-94 08:49:37 GMT') or asctime ('Sun Nov  6 08:49:37 1994'). "
                + "Names exactly as shown (case matters), a real calendar date whose day name is its own; checked for syntax only.",
            () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = HttpDatePattern }),
        [DescribedHeaders.RepeatabilityResult] = ("OASIS Repeatable Requests: on every 201 of a request that sent a key.", () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["accepted"] }),
        [DescribedHeaders.CacheControl] = ("How the response may be cached.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.Allow] = ("The methods the path answers, in the contract's order.", () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Z]+(, [A-Z]+)*$" }),
    };

    public static OpenApiParameter Parameter(string name)
    {
        var (description, schema) = Lookup(name);
        return new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = schema };
    }

    public static OpenApiHeader Header(string name, bool required)
    {
        var (description, schema) = Lookup(name);
        return new OpenApiHeader { Description = description, Required = required, Schema = schema };
    }

    // A name the catalogue lacks fails the document's generation (and so its tests), rather than leaving a header undescribed.
    private static (string Description, OpenApiSchema Schema) Lookup(string name) =>
        Known.TryGetValue(name, out var known)
            ? (known.Description, known.Schema())
            : throw new InvalidOperationException($"The header '{name}' is not one HeaderSchemas describes: add it there.");
}
