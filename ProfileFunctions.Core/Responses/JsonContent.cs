namespace ProfileFunctions.Core.Responses;

internal static class JsonContent
{
    public const string MediaType = "application/json; charset=utf-8";
}
