namespace ProfileFunctions.Core.Http;

/// <summary>The contract's error codes, one per status.</summary>
internal static class ErrorCodes
{
    public const string BadRequest = "BadRequest";
    public const string InvalidAuthenticationToken = "InvalidAuthenticationToken";
    public const string AuthorizationRequestDenied = "Authorization_RequestDenied";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string Conflict = "Conflict";
    public const string PreconditionFailed = "PreconditionFailed";
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string InternalServerError = "InternalServerError";
    public const string ServiceUnavailable = "ServiceUnavailable";
}
