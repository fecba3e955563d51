using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace ProfileFunctions.Core.Storage;

// The reads, under the same time budget and the same mapping of storage's failures as every other call.
internal sealed partial class TableStore
{
    // Where the key that signs paging links is kept: a partition no userId can name ('$' is not allowed in one),
    // so every instance of the app shares it without a setting of its own.
    private const string SystemPartition = "$system";
    private const string PagingKeyRow = "paging-key";
    private const string KeyProperty = "Key";

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

    // The row an insert found in its place, if it is still there.
    private static async Task<StoreResult<TEntity>?> ExistingAsync<TEntity>(TableClient table, TEntity entity, CancellationToken cancellationToken)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
        return found.HasValue ? new StoreResult<TEntity>(StoreOutcome.AlreadyExists, TEntity.FromTableEntity(found.Value!)) : null;
    }
}
