using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Responses;

namespace ProfileFunctions.Core.Operations;

/// <summary>What PATCH and DELETE answer, for endpoint metadata: the statuses they share, in document order.</summary>
internal static class ChangeResponses
{
    /// <summary>200 with the resource, or 204 when the client prefers <c>return=minimal</c>; then the errors.</summary>
    public static IReadOnlyList<(int Status, Type? Body)> Update(Type body) =>
        [(StatusCodes.Status200OK, body), (StatusCodes.Status204NoContent, null), .. Errors(400, 401, 403, 404, 412, 413, 415, 500, 503)];

    /// <summary>204 with no body; then the errors.</summary>
    public static IReadOnlyList<(int Status, Type? Body)> Delete(params int[] errors) =>
        [(StatusCodes.Status204NoContent, null), .. Errors(errors)];

    private static IEnumerable<(int Status, Type? Body)> Errors(params int[] errors) =>
        errors.Select(error => (error, (Type?)typeof(GraphErrorResponse)));
}
