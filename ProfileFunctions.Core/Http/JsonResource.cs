using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.Http;

/// <summary>A resource (or a page of them) as JSON: 201 with its absolute <c>Location</c>, or 200; with the entity's <c>ETag</c>.</summary>
internal sealed class JsonResource : IResult
{
    private JsonResource(int statusCode, byte[] json, string? etag, string? location)
    {
        StatusCode = statusCode;
        Json = json;
        ETag = etag;
        Location = location;
    }

    public int StatusCode { get; }

    public byte[] Json { get; }

    public string? ETag { get; }

    public string? Location { get; }

    /// <summary>A create's 201, counted by <paramref name="resource"/> (its kind's name: <c>profile</c>, <c>photo</c>).</summary>
    public static JsonResource Created(string resource, string location, string? etag, byte[] json)
    {
        ProfileTelemetry.RecordCreate(resource);
        return new(StatusCodes.Status201Created, json, etag, location);
    }

    public static JsonResource Ok(byte[] json, string? etag = null) => new(StatusCodes.Status200OK, json, etag, null);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        if (Location is not null)
        {
            headers.Location = Location;
        }

        if (ETag is not null)
        {
            headers.ETag = ETag;
        }

        return JsonContent.WriteAsync(httpContext, StatusCode, Json);
    }
}

internal static class JsonContent
{
    public const string MediaType = "application/json; charset=utf-8";

    /// <summary>What endpoint metadata names: the media type alone.</summary>
    public const string MediaTypeWithoutParameters = "application/json";

    /// <summary>Writes a JSON body whole, with its length, under the status given (headers are the caller's).</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, byte[] json)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = MediaType;
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}

/// <summary>
/// Makes <c>Location</c> and <c>@odata.nextLink</c> absolute, as Microsoft Graph's are, so that SDK page iterators
/// (<c>WithUrl(nextLink)</c>) follow them as they are: on <c>ProfileApi__PublicBaseUrl</c> when set, else on the
/// scheme and <c>Host</c> the request arrived with. <c>X-Forwarded-*</c> and <c>Forwarded</c> are never read: any
/// client can send them, and ASP.NET Core's forwarded-headers middleware trusts loopback proxies by default.
/// </summary>
internal sealed class PublicLinks(IOptions<PublicLinkSettings> settings)
{
    private readonly string? _base = settings.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : null;

    public static IServiceCollection AddPublicLinks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicLinkSettings>()
            .Configure(options => options.PublicBaseUrl = configuration[$"{PublicLinkSettings.SectionName}:{nameof(PublicLinkSettings.PublicBaseUrl)}"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicLinkSettings>, PublicLinkSettingsValidator>();
        services.AddSingleton<PublicLinks>();
        return services;
    }

    /// <summary>The absolute URL of <paramref name="path"/> (which starts with '/') for this request.</summary>
    public string For(HttpRequest request, string path) =>
        (_base ?? $"{request.Scheme}://{request.Host.ToUriComponent()}") + path;
}
