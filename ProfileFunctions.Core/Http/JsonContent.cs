using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.Http;

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
