using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Storage;

// Rows counted in their partition, for a limit that storage enforces: a counter row beside them, changed in the same
// entity-group transaction as the row it counts, conditionally on the counter's ETag. Instances that insert at once
// race on the counter, and storage lets one transaction per version through: the count never passes the limit.
internal sealed partial class TableStore
{
    /// <summary>
    /// The counter's row key: after every GUID (lower-case hex and '-'), so that a partition's rows in key order end with
    /// it, and lists stop before it.
    /// </summary>
    public const string CounterRow = "~count";

    private const string CountProperty = "Count";

    // How many partitions' last known counts this process keeps before it starts again from none.
    private const int MaxKnownCounts = 10_000;

    /// <summary>
    /// The count and counter ETag this process last wrote or read, per partition: a guess that saves reading the counter
    /// before each insert. Storage still decides: a guess that another instance has outdated fails its conditional write
    /// (and the insert reads the counter and tries again), and a guess at the limit is read again before refusing.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Count, ETag ETag)> _knownCounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Inserts <paramref name="entity"/> and counts it, unless its partition holds <paramref name="limit"/> rows already:
    /// then <see cref="StoreOutcome.LimitReached"/>, or, when the row exists (a repeat, or this insert's own retry),
    /// <see cref="StoreOutcome.AlreadyExists"/> with it, as <see cref="InsertOrReadAsync"/> answers.
    /// </summary>
    public Task<StoreResult<TEntity>> InsertCountedAsync<TEntity>(TEntity entity, int limit, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, TEntity>("insert", async deadline =>
        {
            var table = _tables.For<TEntity>();
            string partition = entity.PartitionKey;
            for (int attempt = 0; attempt < ConditionalUpdate.DefaultMaxAttempts; attempt++)
            {
                (long Count, ETag ETag) known = default;
                bool guessed = attempt == 0 && _knownCounts.TryGetValue(partition, out known);
                var (count, counterETag) = guessed ? (known.Count, (ETag?)known.ETag) : await CountAsync(table, partition, deadline);
                if (count >= limit)
                {
                    if (guessed)
                    {
                        continue;
                    }

                    return await ExistingAsync<TEntity>(table, entity, deadline) ?? new StoreResult<TEntity>(StoreOutcome.LimitReached);
                }

                try
                {
                    var response = await table.SubmitTransactionAsync(
                        [new TableTransactionAction(TableTransactionActionType.Add, entity.ToTableEntity()), Counter(partition, count + 1, counterETag)],
                        deadline);
                    entity.ETag = response.Value[0].Headers.ETag?.ToString("H");
                    Remember(partition, count + 1, response.Value[1].Headers.ETag);
                    return new StoreResult<TEntity>(StoreOutcome.Done, entity);
                }
                catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.ErrorCode == TableErrorCode.EntityAlreadyExists)
                {
                    return await ExistingAsync<TEntity>(table, entity, deadline) ?? new StoreResult<TEntity>(StoreOutcome.AlreadyExists);
                }
                catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 1)
                {
                    // Another insert or delete changed the count first (or the guess was old): count again.
                    _knownCounts.TryRemove(partition, out _);
                    if (!guessed)
                    {
                        await Task.Delay(Random.Shared.Next((attempt * 5) + 1), deadline);
                    }
                }
            }

            return new StoreResult<TEntity>(StoreOutcome.Unavailable);
        }, requestAborted);

    /// <summary>
    /// Deletes one counted row conditionally on the version read (as <see cref="ConditionalDelete"/>), and counts it out
    /// in the same transaction.
    /// </summary>
    public Task<StoreResult<DeleteOutcome>> DeleteCountedAsync<TEntity>(string userId, string rowKey, IfMatch? ifMatch, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, DeleteOutcome>("delete", async deadline =>
        {
            var table = _tables.For<TEntity>();
            for (int attempt = 0; attempt < ConditionalUpdate.DefaultMaxAttempts; attempt++)
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(userId, rowKey, ["PartitionKey"], deadline);
                if (!found.HasValue)
                {
                    return new StoreResult<DeleteOutcome>(StoreOutcome.Done, DeleteOutcome.NotFound);
                }

                var read = found.Value!.ETag;
                if (ifMatch is not null && !ifMatch.Matches(read.ToString("H")))
                {
                    return new StoreResult<DeleteOutcome>(StoreOutcome.Done, DeleteOutcome.PreconditionFailed);
                }

                var (count, counterETag) = await CountAsync(table, userId, deadline);
                try
                {
                    var response = await table.SubmitTransactionAsync(
                        [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(userId, rowKey), read), Counter(userId, Math.Max(0, count - 1), counterETag)],
                        deadline);
                    Remember(userId, Math.Max(0, count - 1), response.Value[1].Headers.ETag);
                    return new StoreResult<DeleteOutcome>(StoreOutcome.Done, DeleteOutcome.Deleted);
                }
                catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status == 404)
                {
                    // Someone deleted it first (or this delete's own retry found it gone): the same outcome, counted once.
                    return new StoreResult<DeleteOutcome>(StoreOutcome.Done, DeleteOutcome.Deleted);
                }
                catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex is 0 or 1)
                {
                    // The row changed since it was read (check If-Match again), or the count did: read both again.
                    await Task.Delay(Random.Shared.Next((attempt * 5) + 1), deadline);
                }
            }

            return new StoreResult<DeleteOutcome>(StoreOutcome.Done, DeleteOutcome.Contended);
        }, requestAborted);

    /// <summary>
    /// The partition's count and the counter's ETag; a partition without a counter (its rows stored before there was one)
    /// is counted once by a query, and its counter is then added by the transaction that changes it.
    /// </summary>
    private static async Task<(long Count, ETag? ETag)> CountAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var counter = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, CounterRow, [CountProperty], cancellationToken);
        if (counter.HasValue)
        {
            return (counter.Value!.GetInt64(CountProperty) ?? 0, counter.Value.ETag);
        }

        long rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey lt {CounterRow}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows++;
        }

        return (rows, null);
    }

    private void Remember(string partition, long count, ETag? etag)
    {
        if (etag is not { } version)
        {
            _knownCounts.TryRemove(partition, out _);
            return;
        }

        if (_knownCounts.Count >= MaxKnownCounts)
        {
            _knownCounts.Clear();
        }

        _knownCounts[partition] = (count, version);
    }

    private static TableTransactionAction Counter(string partitionKey, long count, ETag? etag) =>
        etag is { } version
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(partitionKey, CounterRow) { [CountProperty] = count }, version)
            : new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partitionKey, CounterRow) { [CountProperty] = count });

    private static async Task<StoreResult<TEntity>?> ExistingAsync<TEntity>(TableClient table, TEntity entity, CancellationToken cancellationToken)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
        return found.HasValue ? new StoreResult<TEntity>(StoreOutcome.AlreadyExists, TEntity.FromTableEntity(found.Value!)) : null;
    }
}
