using Azure;
using Azure.Identity;

namespace ProfileFunctions.Core.Storage;

/// <summary>Which failures of Table or Blob Storage say that storage cannot be reached now (503), rather than that the request is wrong.</summary>
internal static class StorageFailure
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // The budget ran out, or the SDK gave up on a network timeout.
        OperationCanceledException => true,

        // Status 0: no response at all (refused, reset, DNS); 408, 429 and 5xx: storage is busy or failing.
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,

        // Azure.Core's retry policy wraps the failures of its last attempts.
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnavailable),

        // The managed identity could not get a token: a deployment fault, but storage is unreachable all the same.
        AuthenticationFailedException => true,
        HttpRequestException => true,
        _ => false,
    };
}
