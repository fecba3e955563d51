using Microsoft.Extensions.Logging;

namespace ProfileFunctions;

/// <summary>
/// The worker's log levels. ASP.NET Core alone logs two Information lines per request, and each line costs a gRPC
/// message to the host: framework categories log from Warning, the API's own from Information (its per-request events
/// are Debug, so a healthy request sends none).
/// </summary>
internal static class LogFilter
{
    public static LogLevel MinimumFor(string? category) =>
        category is not null && category.StartsWith("ProfileFunctions", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning;
}
