using Azure;
using Azure.Data.Tables;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Storage;

internal enum DeleteOutcome
{
    /// <summary>204: the entity existed and is gone.</summary>
    Deleted,

    /// <summary>404: no such entity (looked at before any <c>If-Match</c>).</summary>
    NotFound,

    /// <summary>412: the client's <c>If-Match</c> does not name the current version.</summary>
    PreconditionFailed,

    /// <summary>Other writers changed the entity on every attempt: the caller answers 503 and the client retries.</summary>
    Contended,
}

/// <summary>
/// Deletes one entity conditionally on the version read, so that an <c>If-Match</c> checked against that version is
/// still true when storage deletes it.
/// </summary>
internal static class ConditionalDelete
{
    /// <param name="table">The entity's table.</param>
    /// <param name="partitionKey">The entity's partition key.</param>
    /// <param name="rowKey">The entity's row key.</param>
    /// <param name="ifMatch">The client's precondition; null when it sent none.</param>
    /// <param name="maxAttempts">How many read-delete rounds at most.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public static Task<DeleteOutcome> DeleteAsync(
        TableClient table,
        string partitionKey,
        string rowKey,
        IfMatch? ifMatch,
        int maxAttempts = ConditionalUpdate.DefaultMaxAttempts,
        CancellationToken cancellationToken = default) =>
        DeleteAtVersionAsync(table, partitionKey, rowKey, ifMatch, async (read, token) =>
        {
            try
            {
                // The SDK answers a 404 here without throwing: someone deleted it first, which is the same outcome.
                await table.DeleteEntityAsync(partitionKey, rowKey, read, token);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Changed since it was read: check If-Match against the new version.
                return false;
            }
        }, maxAttempts, cancellationToken);

    /// <summary>
    /// The rounds of a conditional delete: read the version, check <c>If-Match</c> against it, then
    /// <paramref name="deleteAtVersion"/>, which deletes on that version (alone, or in a transaction with more) and answers
    /// false when the version changed since it was read, for another round.
    /// </summary>
    public static async Task<DeleteOutcome> DeleteAtVersionAsync(
        TableClient table,
        string partitionKey,
        string rowKey,
        IfMatch? ifMatch,
        Func<ETag, CancellationToken, Task<bool>> deleteAtVersion,
        int maxAttempts = ConditionalUpdate.DefaultMaxAttempts,
        CancellationToken cancellationToken = default)
    {
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["PartitionKey"], cancellationToken);
            if (!found.HasValue)
            {
                // Also after a 412: another request changed it and then deleted it, so there is nothing left to match.
                return DeleteOutcome.NotFound;
            }

            var read = found.Value!.ETag;
            if (ifMatch is not null && !ifMatch.Matches(read.ToString("H")))
            {
                return DeleteOutcome.PreconditionFailed;
            }

            if (await deleteAtVersion(read, cancellationToken))
            {
                return DeleteOutcome.Deleted;
            }
        }

        return DeleteOutcome.Contended;
    }
}
