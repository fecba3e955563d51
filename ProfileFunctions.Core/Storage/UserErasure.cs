using Azure;
using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>
/// Erases every row of one user's partition from the profile and photo tables, in entity-group transactions of at most
/// 100 deletes. Repeatable: rows already gone (an earlier, interrupted erasure or a racing one) are skipped, so the
/// next call finishes whatever a failed one left.
/// </summary>
internal sealed class UserErasure
{
    /// <summary>Table Storage's limit of operations in one entity-group transaction.</summary>
    public const int MaxBatch = 100;

    // Reserved for the app's own rows (the paging key); no userId can name it, and erasure must never reach it.
    private const string SystemPartition = "$system";

    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    private readonly TableClient _profiles;
    private readonly TableClient _photos;
    private readonly Func<string, CancellationToken, Task>? _beforePhotoDeleted;

    /// <param name="profiles">The <c>Profiles</c> table.</param>
    /// <param name="photos">The <c>ProfilePhotos</c> table.</param>
    /// <param name="beforePhotoDeleted">
    /// Extra work for each photo row (its row key), done before the row is deleted so that a failure leaves the row for
    /// the next erasure to find; it must succeed when its work is already done.
    /// </param>
    public UserErasure(TableClient profiles, TableClient photos, Func<string, CancellationToken, Task>? beforePhotoDeleted = null)
    {
        _profiles = profiles;
        _photos = photos;
        _beforePhotoDeleted = beforePhotoDeleted;
    }

    /// <summary>Erases the user; returns how many rows this call deleted.</summary>
    /// <param name="userId">The stored userId (the partition key).</param>
    /// <param name="cancellationToken">Cancels the storage calls; the next call finishes the job.</param>
    public async Task<int> EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.StartsWith('$') || string.Equals(userId, SystemPartition, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A partition starting with '$' is the app's own, never a user's.", nameof(userId));
        }

        // Photos first: the profile going last means a user with a profile left still has work left to finish.
        int deleted = await ErasePartitionAsync(_photos, userId, _beforePhotoDeleted, cancellationToken);
        deleted += await ErasePartitionAsync(_profiles, userId, perRow: null, cancellationToken);
        return deleted;
    }

    private static async Task<int> ErasePartitionAsync(
        TableClient table,
        string partitionKey,
        Func<string, CancellationToken, Task>? perRow,
        CancellationToken cancellationToken)
    {
        int deleted = 0;
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");

        // Each page is deleted before the next is read; the continuation names the next row key, which the deletes
        // behind it do not move.
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, KeysOnly, cancellationToken).AsPages())
        {
            foreach (var batch in page.Values.Select(row => row.RowKey).Chunk(MaxBatch))
            {
                if (perRow is not null)
                {
                    foreach (string rowKey in batch)
                    {
                        await perRow(rowKey, cancellationToken);
                    }
                }

                deleted += await DeleteBatchAsync(table, partitionKey, batch, cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>Deletes up to 100 rows in one transaction, leaving out any that another deletion removed first.</summary>
    private static async Task<int> DeleteBatchAsync(TableClient table, string partitionKey, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        var remaining = rowKeys.ToList();
        while (remaining.Count > 0)
        {
            var actions = remaining
                .Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ETag.All))
                .ToList();
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return remaining.Count;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404 && exception.FailedTransactionActionIndex is { } index && index < remaining.Count)
            {
                // The whole transaction was rolled back for that one row: try again without it.
                remaining.RemoveAt(index);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404)
            {
                // Storage did not say which row: fall back to one delete each, which the SDK lets succeed on a 404.
                int count = 0;
                foreach (string rowKey in remaining)
                {
                    var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
                    count += response.Status == 404 ? 0 : 1;
                }

                return count;
            }
        }

        return 0;
    }
}
