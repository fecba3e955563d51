using System.Diagnostics;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.Storage;

/// <summary>Reads and writes resources in Table Storage, answering within a time budget whatever storage does.</summary>
internal sealed partial class ResourceStore
{
    // Where the key that signs paging links is kept: a partition no userId can name ('$' is not allowed in one),
    // so every instance of the app shares it without a setting of its own.
    private const string SystemPartition = "$system";
    private const string PagingKeyRow = "paging-key";
    private const string KeyProperty = "Key";

    private readonly ProfileTables _tables;
    private readonly TimeSpan _budget;
    private readonly ILogger<ResourceStore> _logger;
    private readonly SharedTask<byte[]> _pagingKey;

    public ResourceStore(ProfileTables tables, TimeSpan budget, ILogger<ResourceStore> logger)
    {
        _tables = tables;
        _budget = budget;
        _logger = logger;
        _pagingKey = new SharedTask<byte[]>(ReadOrCreatePagingKeyAsync);
    }

    /// <summary>
    /// Inserts a new entity; the result's value is its ETag. The table's own insert decides uniqueness: a second insert
    /// of the same keys fails in storage, so racing creates yield one <see cref="StoreOutcome.Done"/> and the rest
    /// <see cref="StoreOutcome.AlreadyExists"/>.
    /// </summary>
    public Task<StoreResult<string>> InsertAsync(ResourceDefinition resource, ResourceEntity entity, CancellationToken requestAborted) =>
        RunAsync(resource, "insert", async deadline =>
        {
            var response = await _tables.For(resource).AddEntityAsync(entity.ToTableEntity(), deadline);
            return new StoreResult<string>(StoreOutcome.Done, response.Headers.ETag?.ToString("H"));
        }, requestAborted);

    public Task<StoreResult<ResourceEntity>> ReadAsync(ResourceDefinition resource, string userId, string rowKey, CancellationToken requestAborted) =>
        RunAsync(resource, "read", async deadline =>
        {
            var found = await _tables.For(resource).GetEntityIfExistsAsync<TableEntity>(userId, rowKey, cancellationToken: deadline);
            return found.HasValue
                ? new StoreResult<ResourceEntity>(StoreOutcome.Done, ResourceEntity.FromTableEntity(resource, found.Value!))
                : new StoreResult<ResourceEntity>(StoreOutcome.NotFound);
        }, requestAborted);

    /// <summary>One page of a user's resources, in row-key order, from where <paramref name="continuation"/> left off.</summary>
    public Task<StoreResult<StoredPage>> ListAsync(ResourceDefinition resource, string userId, string? continuation, int pageSize, CancellationToken requestAborted) =>
        RunAsync(resource, "list", async deadline =>
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {userId}");
            await foreach (var page in _tables.For(resource).QueryAsync<TableEntity>(filter, pageSize, cancellationToken: deadline).AsPages(continuation, pageSize))
            {
                var items = page.Values.Select(row => ResourceEntity.FromTableEntity(resource, row)).ToList();
                return new StoreResult<StoredPage>(StoreOutcome.Done, new StoredPage(items, page.ContinuationToken));
            }

            return new StoreResult<StoredPage>(StoreOutcome.Done, new StoredPage([], null));
        }, requestAborted);

    /// <summary>Whether Table Storage answers a query now (a health probe; reads nothing).</summary>
    public Task<StoreResult<bool>> PingAsync(CancellationToken cancellationToken) =>
        RunAsync(ResourceDefinition.Profile, "ping", async deadline =>
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {SystemPartition} and RowKey eq {"ping"}");
            await foreach (var _ in _tables.For(ResourceDefinition.Profile).QueryAsync<TableEntity>(filter, 1, ["PartitionKey"], deadline).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return new StoreResult<bool>(StoreOutcome.Done, true);
        }, cancellationToken);

    /// <summary>The key that signs paging links: made once for the account, read once per process.</summary>
    public Task<StoreResult<byte[]>> PagingKeyAsync(CancellationToken requestAborted) =>
        RunAsync(ResourceDefinition.Profile, "paging-key", async deadline =>
            new StoreResult<byte[]>(StoreOutcome.Done, await _pagingKey.Get().WaitAsync(deadline)), requestAborted);

    /// <summary>Failures that say storage cannot be reached now, rather than that the request is wrong.</summary>
    internal static bool IsUnavailable(Exception exception) => exception switch
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

    private async Task<StoreResult<T>> RunAsync<T>(ResourceDefinition resource, string name, Func<CancellationToken, Task<StoreResult<T>>> operation, CancellationToken requestAborted)
    {
        long started = Stopwatch.GetTimestamp();
        var outcome = StoreOutcome.Unavailable;
        try
        {
            var result = await RunWithinBudgetAsync(resource, operation, requestAborted);
            outcome = result.Outcome;
            return result;
        }
        finally
        {
            ProfileTelemetry.StorageDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", name),
                new KeyValuePair<string, object?>("table", resource.TableName),
                new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        }
    }

    private async Task<StoreResult<T>> RunWithinBudgetAsync<T>(ResourceDefinition resource, Func<CancellationToken, Task<StoreResult<T>>> operation, CancellationToken requestAborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(_budget);
        try
        {
            await _tables.EnsureCreatedAsync(deadline.Token);
            return await operation(deadline.Token);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return new StoreResult<T>(StoreOutcome.AlreadyExists);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.TableNotFound)
        {
            // Someone deleted the table under a running process: the next request creates it again.
            _tables.Forget();
            LogTableMissing(resource.TableName);
            return new StoreResult<T>(StoreOutcome.Unavailable);
        }
        catch (Exception exception) when (!requestAborted.IsCancellationRequested && IsUnavailable(exception))
        {
            LogUnavailable(exception, resource.TableName);
            return new StoreResult<T>(StoreOutcome.Unavailable);
        }
    }

    private async Task<byte[]> ReadOrCreatePagingKeyAsync()
    {
        using var timeout = new CancellationTokenSource(_budget);
        await _tables.EnsureCreatedAsync(timeout.Token);
        var table = _tables.For(ResourceDefinition.Profile);
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
        catch (RequestFailedException exception) when (exception.Status == 409)
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
