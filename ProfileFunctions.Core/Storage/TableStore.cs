using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.Storage;

/// <summary>Reads and writes resources in Table Storage, answering within a time budget whatever storage does.</summary>
internal sealed partial class TableStore
{
    private readonly ProfileTables _tables;
    private readonly TimeSpan _budget;
    private readonly ILogger<TableStore> _logger;
    private readonly SharedTask<byte[]> _pagingKey;

    public TableStore(ProfileTables tables, TimeSpan budget, ILogger<TableStore> logger)
    {
        _tables = tables;
        _budget = budget;
        _logger = logger;
        _pagingKey = new SharedTask<byte[]>(ReadOrCreatePagingKeyAsync);
    }

    /// <summary>
    /// Inserts a new entity and sets its <see cref="ResourceEntity.ETag"/>. The table's own insert decides uniqueness: a
    /// second insert of the same keys fails in storage, so racing creates yield one <see cref="StoreOutcome.Done"/> and
    /// the rest <see cref="StoreOutcome.AlreadyExists"/>. When the row exists (made by another request, or by this one's own
    /// insert that the storage client retried after an attempt timed out), reads it back within the same budget and
    /// answers <see cref="StoreOutcome.AlreadyExists"/> with it, so that the caller can tell whose it is.
    /// </summary>
    public Task<StoreResult<TEntity>> InsertOrReadAsync<TEntity>(TEntity entity, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, TEntity>("insert", async deadline =>
        {
            var table = _tables.For<TEntity>();
            try
            {
                var response = await table.AddEntityAsync(entity.ToTableEntity(), deadline);
                entity.ETag = response.Headers.ETag?.ToString("H");
                return new StoreResult<TEntity>(StoreOutcome.Done, entity);
            }
            catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.EntityAlreadyExists)
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: deadline);

                // Deleted in between: nobody's row now, which the caller answers as a conflict it cannot resolve.
                return found.HasValue
                    ? new StoreResult<TEntity>(StoreOutcome.AlreadyExists, TEntity.FromTableEntity(found.Value!))
                    : new StoreResult<TEntity>(StoreOutcome.AlreadyExists);
            }
        }, requestAborted);

    /// <summary>
    /// Rows counted in their partition, for a limit storage enforces: this counter row (after every GUID, so lists stop
    /// before it) is changed in the same entity-group transaction as the row it counts, on the counter's ETag; instances
    /// that insert at once race on it, and storage lets one transaction per version through.
    /// </summary>
    public const string CounterRow = "~count";

    private const string CountProperty = "Count";

    // How many partitions' last known counts this process keeps before it starts again from none.
    private const int MaxKnownCounts = 10_000;

    // The count and counter ETag this process last wrote or read, per partition: a guess that saves reading the counter
    // before each insert. Storage still decides: an outdated guess fails its conditional write (and the insert reads the
    // counter and tries again), and a guess at the limit is read again before refusing.
    private readonly ConcurrentDictionary<string, (long Count, ETag ETag)> _knownCounts = new(StringComparer.Ordinal);

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

    // The one way to the tables: every operation runs here, within the budget, with its metric, and with storage's
    // failures mapped to outcomes (a deleted table forgotten, so that the next request creates it again).
    private Task<StoreResult<T>> RunAsync<TEntity, T>(string name, Func<CancellationToken, Task<StoreResult<T>>> operation, CancellationToken requestAborted)
        where TEntity : IStoredEntity<TEntity> =>
        RunAsync(TEntity.TableName, name, operation, requestAborted);

    private async Task<StoreResult<T>> RunAsync<T>(string table, string name, Func<CancellationToken, Task<StoreResult<T>>> operation, CancellationToken requestAborted)
    {
        long started = Stopwatch.GetTimestamp();
        var outcome = StoreOutcome.Unavailable;
        try
        {
            var result = await RunWithinBudgetAsync(table, operation, requestAborted);
            outcome = result.Outcome;
            return result;
        }
        finally
        {
            ProfileTelemetry.StorageDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", name),
                new KeyValuePair<string, object?>("table", table),
                new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        }
    }

    private async Task<StoreResult<T>> RunWithinBudgetAsync<T>(string table, Func<CancellationToken, Task<StoreResult<T>>> operation, CancellationToken requestAborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(_budget);
        try
        {
            await _tables.EnsureCreatedAsync(deadline.Token);
            return await operation(deadline.Token);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            return new StoreResult<T>(StoreOutcome.AlreadyExists);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.ResourceNotFound)
        {
            return new StoreResult<T>(StoreOutcome.NotFound);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.TableNotFound)
        {
            // Someone deleted the table under a running process: the next request creates it again.
            _tables.Forget();
            LogTableMissing(table);
            return new StoreResult<T>(StoreOutcome.Unavailable);
        }
        catch (Exception exception) when (!requestAborted.IsCancellationRequested && StorageFailure.IsUnavailable(exception))
        {
            LogUnavailable(exception, table);
            return new StoreResult<T>(StoreOutcome.Unavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table {Table} was not found; it will be created again on the next request")]
    private partial void LogTableMissing(string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage could not be reached in time for table {Table}")]
    private partial void LogUnavailable(Exception exception, string table);
}

internal enum StoreOutcome
{
    Done,
    NotFound,
    AlreadyExists,
    Unavailable,

    /// <summary>A counted insert found its partition at the limit; nothing was stored.</summary>
    LimitReached,
}

/// <param name="Outcome">What storage did.</param>
/// <param name="Value">What it returned, when <see cref="StoreOutcome.Done"/>.</param>
internal readonly record struct StoreResult<T>(StoreOutcome Outcome, T? Value = default);
