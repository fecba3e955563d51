using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>
/// The document's schemas, written out rather than inferred from the CLR shapes: a request and a response differ (every
/// request member is optional and checked as the contract says; a response always has its canonical type and id), and
/// the contract's constraints (patterns, bounds, formats) are not in the shapes' types.
/// </summary>
internal static class ResourceSchemas
{
    public const string Profile = "Profile";
    public const string ProfileCreate = "ProfileCreate";
    public const string ProfileUpdate = "ProfileUpdate";
    public const string Photo = "ProfilePhoto";
    public const string PhotoCreate = "ProfilePhotoCreate";
    public const string PhotoUpdate = "ProfilePhotoUpdate";
    public const string PhotoPage = "ProfilePhotoPage";
    public const string Error = "GraphErrorResponse";
    public const string MainError = "GraphError";
    public const string InnerError = "GraphInnerError";

    /// <summary>A <c>userId</c>: an object id or a user principal name (or <c>me</c>, which the pattern admits).</summary>
    public const string UserIdPattern = @"^[A-Za-z0-9\-_.@]{1,128}$";

    private const string Hex = "[0-9A-Fa-f]";
    private const string HyphenatedGuid = Hex + "{8}-" + Hex + "{4}-" + Hex + "{4}-" + Hex + "{4}-" + Hex + "{12}";

    /// <summary>
    /// A GUID as the API takes one (ResourceId): .NET's D, N, B or P form, hex digits in any case, never the nil GUID, in
    /// any form (the lookahead). <c>format: uuid</c> would refuse N, B and P and admit nil, so it is not given with this.
    /// </summary>
    public const string GuidPattern =
        @"^(?![{(]?0{8}-?0{4}-?0{4}-?0{4}-?0{12}[})]?$)(" + HyphenatedGuid + "|" + Hex + @"{32}|\{" + HyphenatedGuid + @"\}|\(" + HyphenatedGuid + @"\))$";

    /// <summary>What a request's dimension admits beyond its schema's bounds, which JSON Schema cannot say.</summary>
    private const string DigitsOnly = "Digits only: a number written with a fraction or an exponent (1.0, 1e2) is refused (400), whatever its value.";

    private const string ProfileType = "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile";
    private const string PhotoType = "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto";

    /// <summary>The schema an operation's response body of <paramref name="type"/> is, if the document names one.</summary>
    public static string? ForResponse(Type type) =>
        type == typeof(ProfileDocument) ? Profile
        : type == typeof(PhotoDocument) ? Photo
        : type == typeof(PhotoPageDocument) ? PhotoPage
        : type == typeof(GraphErrorResponse) ? Error
        : null;

    /// <summary>The schema a request body of <paramref name="type"/> is: a create for POST, an update (merge patch) for PATCH.</summary>
    public static string? ForRequest(Type type, string method)
    {
        bool update = string.Equals(method, "PATCH", StringComparison.OrdinalIgnoreCase);
        return type == typeof(ProfileDocument) ? (update ? ProfileUpdate : ProfileCreate)
            : type == typeof(PhotoDocument) ? (update ? PhotoUpdate : PhotoCreate)
            : null;
    }

    public static Dictionary<string, IOpenApiSchema> All(OpenApiDocument document) => new(StringComparer.Ordinal)
    {
        [Profile] = Response("A user's profile: its canonical type and id, then every other member exactly as its creator sent it.", ProfileType, dimensions: false),
        [ProfileCreate] = Request("A profile to create: every member optional; any other member is kept and returned unchanged in value.", ProfileType, dimensions: false, update: false),
        [ProfileUpdate] = Request("A JSON merge patch (RFC 7396) of the profile: null removes a member; @odata.type and id only with the profile's current values.", ProfileType, dimensions: false, update: true),
        [Photo] = Response("A profile photo: its canonical type and id, its dimensions when known, then every other member exactly as its creator sent it.", PhotoType, dimensions: true),
        [PhotoCreate] = Request("A photo to create: every member optional; any other member is kept and returned unchanged in value.", PhotoType, dimensions: true, update: false),
        [PhotoUpdate] = Request("A JSON merge patch (RFC 7396) of the photo: null removes a member (height and width only while the photo has no content).", PhotoType, dimensions: true, update: true),
        [PhotoPage] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A page of a user's photos, ordered by id, at most 100.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "value" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["value"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(Photo, document), MaxItems = 100, Description = "The photos." },
                ["@odata.nextLink"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "The next page's absolute URL, present only when more remain: follow it as it is." },
            },
        },
        [Error] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The Graph error format, every error's body.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "error" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["error"] = new OpenApiSchemaReference(MainError, document) },
        },
        [MainError] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "What went wrong.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "code", "message", "innerError" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. DescribedErrorCodes.All.Select(code => (JsonNode)code)],
                    Description = "The contract's code for the status, e.g. BadRequest.",
                },
                ["message"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "A sentence a person can act on.",
                    // Generators (Kiota) make this the exception's Message.
                    Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal) { ["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true)) },
                },
                ["innerError"] = new OpenApiSchemaReference(InnerError, document),
            },
        },
        [InnerError] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The request the error answered.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "date", "request-id" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["date"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "UTC, ISO 8601." },
                ["request-id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The response's request-id header." },
                ["client-request-id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The client's client-request-id, present only when it sent one." },
            },
        },
    };

    private static OpenApiSchema Response(string description, string odataType, bool dimensions)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["@odata.type"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = odataType, Description = "Always the canonical type, whatever spelling the create sent." },
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Description = "Lower-case D format." },
        };
        if (dimensions)
        {
            properties["height"] = Dimension("The height in pixels: the image's once the photo has content, else as sent.", nullable: false);
            properties["width"] = Dimension("The width in pixels: the image's once the photo has content, else as sent.", nullable: false);
            properties["@odata.mediaContentType"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The content's media type, once the photo has content." };
            properties["@odata.mediaEtag"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The content's ETag, once the photo has content." };
            properties["sizes"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. ProfileRoutes.PhotoSizes.Select(size => (JsonNode)size)] },
                Description = "Once the photo has content: the sizes it offers at .../{size}/$value, smallest first (those not larger than the image's longer side, and the smallest that is at least as large).",
            };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Required = new HashSet<string>(StringComparer.Ordinal) { "@odata.type", "id" },
            Properties = properties,
            AdditionalPropertiesAllowed = true,
        };
    }

    private static OpenApiSchema Request(string description, string odataType, bool dimensions, bool update)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["@odata.type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = CaseInsensitive(odataType),
                Description = $"Optional: '{odataType}', in any case, with or without the leading '#'.",
            },
            ["id"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = GuidPattern,
                Description = (update ? "Optional: only the resource's own id." : "Optional: a non-nil GUID, which the resource gets (a retry then gets 409, never a second resource); else the server assigns one.")
                    + " In .NET's D, N, B or P form, in any case.",
            },
        };
        if (dimensions)
        {
            string dimension = (update ? "A JSON integer from 1 to 10,000, or null to remove it. " : "Optional: a JSON integer from 1 to 10,000. ") + DigitsOnly;
            properties["height"] = Dimension(dimension, update);
            properties["width"] = Dimension(dimension, update);
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = properties,
            AdditionalPropertiesAllowed = true,
        };
    }

    private static OpenApiSchema Dimension(string description, bool nullable) => new()
    {
        Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer,
        Minimum = "1",
        Maximum = "10000",
        Description = description,
    };

    /// <summary>
    /// A pattern that matches <paramref name="odataType"/> in any case, with or without its '#': ECMA-262 patterns (which
    /// JSON Schema uses) have no case-insensitive flag, so each letter is a class of its two cases.
    /// </summary>
    private static string CaseInsensitive(string odataType)
    {
        var pattern = new StringBuilder("^#?");
        foreach (char c in odataType.AsSpan(1))
        {
            pattern.Append(char.IsLetter(c)
                ? string.Create(CultureInfo.InvariantCulture, $"[{char.ToUpperInvariant(c)}{char.ToLowerInvariant(c)}]")
                : c == '.' ? @"\." : c.ToString());
        }

        return pattern.Append('$').ToString();
    }
}
