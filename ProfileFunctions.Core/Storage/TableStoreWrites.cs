using Azure.Data.Tables;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Storage;

// The writes that change or remove what exists, under the same time budget and the same mapping of storage's failures
// (503 within the contract's 10 seconds) as inserts and reads.
internal sealed partial class TableStore
{
    /// <summary>
    /// Changes one entity with <see cref="ConditionalUpdate"/>: read, change, write on the ETag read, again from a fresh
    /// read when another writer got in between. The change checks any <c>If-Match</c> itself, on each version it is given.
    /// With <paramref name="read"/> (an entity this request read), the first round starts from its row, one read fewer.
    /// </summary>
    public Task<StoreResult<UpdateResult>> UpdateAsync<TEntity>(string userId, string rowKey, Func<TableEntity, bool> change, CancellationToken requestAborted, TEntity? read = null)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, UpdateResult>("update", async deadline =>
            new StoreResult<UpdateResult>(
                StoreOutcome.Done,
                await ConditionalUpdate.UpdateAsync(_tables.For<TEntity>(), userId, rowKey, ifMatch: null, change, cancellationToken: deadline, firstVersion: read?.Row)),
            requestAborted);

    /// <summary>Deletes one entity with <see cref="ConditionalDelete"/>, conditionally on the version read.</summary>
    public Task<StoreResult<DeleteOutcome>> DeleteAsync<TEntity>(string userId, string rowKey, IfMatch? ifMatch, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, DeleteOutcome>("delete", async deadline =>
            new StoreResult<DeleteOutcome>(
                StoreOutcome.Done,
                await ConditionalDelete.DeleteAsync(_tables.For<TEntity>(), userId, rowKey, ifMatch, cancellationToken: deadline)),
            requestAborted);

    /// <summary>
    /// Erases every row of a user's partition in both tables (<see cref="UserErasure"/>). A run cut off by the budget
    /// or by storage answers <see cref="StoreOutcome.Unavailable"/>; what it deleted stays deleted and the next call
    /// finishes the rest.
    /// </summary>
    public Task<StoreResult<int>> EraseUserAsync(string userId, CancellationToken requestAborted) =>
        RunAsync<int>(ProfileTables.Photos, "erase", async deadline =>
            new StoreResult<int>(
                StoreOutcome.Done,
                await new UserErasure(_tables.Named(ProfileTables.Profiles), _tables.Named(ProfileTables.Photos)).EraseAsync(userId, deadline)),
            requestAborted);

    /// <summary>
    /// Deletes one counted row conditionally on the version read (as <see cref="ConditionalDelete"/>), and counts it out
    /// in the same transaction.
    /// </summary>
    public Task<StoreResult<DeleteOutcome>> DeleteCountedAsync<TEntity>(string userId, string rowKey, IfMatch? ifMatch, CancellationToken requestAborted)
        where TEntity : ResourceEntity, IStoredEntity<TEntity> =>
        RunAsync<TEntity, DeleteOutcome>("delete", async deadline =>
        {
            var table = _tables.For<TEntity>();
            int lost = 0;
            var outcome = await ConditionalDelete.DeleteAtVersionAsync(table, userId, rowKey, ifMatch, async (read, token) =>
            {
                var (count, counterETag) = await CountAsync(table, userId, token);
                try
                {
                    var response = await table.SubmitTransactionAsync(
                        [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(userId, rowKey), read), Counter(userId, Math.Max(0, count - 1), counterETag)],
                        token);
                    Remember(userId, Math.Max(0, count - 1), response.Value[1].Headers.ETag);
                    return true;
                }
                catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status == 404)
                {
                    // Someone deleted it first (or this delete's own retry found it gone): the same outcome, counted once.
                    return true;
                }
                catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex is 0 or 1)
                {
                    // The row changed since it was read (If-Match is checked again), or the count did: read both again.
                    await Task.Delay(Random.Shared.Next((lost++ * 5) + 1), token);
                    return false;
                }
            }, cancellationToken: deadline);
            return new StoreResult<DeleteOutcome>(StoreOutcome.Done, outcome);
        }, requestAborted);
}
