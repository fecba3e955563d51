using System.Diagnostics;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.Storage;

/// <summary>Reads and writes resources in Table Storage, answering within a time budget whatever storage does.</summary>
internal sealed partial class TableStore
{
    // Where the key that signs paging links is kept: a partition no userId can name ('$' is not allowed in one),
    // so every instance of the app shares it without a setting of its own.
    private const string SystemPartition = "$system";
    private const string PagingKeyRow = "paging-key";
    private const string KeyProperty = "Key";

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

    public Task<StoreResult<TEntity>> ReadAsync<TEntity>(string userId, string rowKey, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, TEntity>("read", async deadline =>
        {
            var found = await _tables.For<TEntity>().GetEntityIfExistsAsync<TableEntity>(userId, rowKey, cancellationToken: deadline);
            return found.HasValue
                ? new StoreResult<TEntity>(StoreOutcome.Done, TEntity.FromTableEntity(found.Value!))
                : new StoreResult<TEntity>(StoreOutcome.NotFound);
        }, requestAborted);

    /// <summary>
    /// Up to <paramref name="count"/> of a user's resources in row-key order, after <paramref name="afterRowKey"/> when
    /// given. A caller asks for one more than it shows to learn whether more remain, so no continuation token of the
    /// service (whose presence does not promise more rows) decides that.
    /// </summary>
    public Task<StoreResult<IReadOnlyList<TEntity>>> ListAsync<TEntity>(string userId, string? afterRowKey, int count, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, IReadOnlyList<TEntity>>("list", async deadline =>
        {
            // Rows only: a partition's counter (CounterRow) sorts after them all.
            string filter = afterRowKey is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {userId} and RowKey lt {CounterRow}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {userId} and RowKey gt {afterRowKey} and RowKey lt {CounterRow}");
            var items = new List<TEntity>(count);

            // A service page may hold fewer rows than asked for while more remain: read on until there are enough.
            await foreach (var row in _tables.For<TEntity>().QueryAsync<TableEntity>(filter, count, cancellationToken: deadline))
            {
                items.Add(TEntity.FromTableEntity(row));
                if (items.Count == count)
                {
                    break;
                }
            }

            return new StoreResult<IReadOnlyList<TEntity>>(StoreOutcome.Done, items);
        }, requestAborted);

    /// <summary>Whether Table Storage answers a query now (a health probe; reads nothing).</summary>
    public Task<StoreResult<bool>> PingAsync(CancellationToken cancellationToken) =>
        RunAsync<bool>(ProfileTables.Profiles, "ping", async deadline =>
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {SystemPartition} and RowKey eq {"ping"}");
            await foreach (var _ in _tables.Named(ProfileTables.Profiles).QueryAsync<TableEntity>(filter, 1, ["PartitionKey"], deadline).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return new StoreResult<bool>(StoreOutcome.Done, true);
        }, cancellationToken);

    /// <summary>The key that signs paging links: made once for the account, read once per process.</summary>
    public Task<StoreResult<byte[]>> PagingKeyAsync(CancellationToken requestAborted) =>
        RunAsync<byte[]>(ProfileTables.Profiles, "paging-key", async deadline =>
            new StoreResult<byte[]>(StoreOutcome.Done, await _pagingKey.Get().WaitAsync(deadline)), requestAborted);

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

    private async Task<byte[]> ReadOrCreatePagingKeyAsync()
    {
        using var timeout = new CancellationTokenSource(_budget);
        await _tables.EnsureCreatedAsync(timeout.Token);
        var table = _tables.Named(ProfileTables.Profiles);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(SystemPartition, PagingKeyRow, cancellationToken: timeout.Token);
        if (existing.HasValue)
        {
            return existing.Value!.GetBinary(KeyProperty);
        }

        try
        {
            byte[] key = RandomNumberGenerator.GetBytes(32);
            await table.AddEntityAsync(new TableEntity(SystemPartition, PagingKeyRow) { [KeyProperty] = key }, timeout.Token);
            return key;
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.EntityAlreadyExists)
        {
            // Another instance made it first: use theirs.
            var made = await table.GetEntityAsync<TableEntity>(SystemPartition, PagingKeyRow, cancellationToken: timeout.Token);
            return made.Value.GetBinary(KeyProperty);
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
