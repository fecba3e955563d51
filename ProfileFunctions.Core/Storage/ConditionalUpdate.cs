using Azure;
using Azure.Data.Tables;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Storage;

internal enum UpdateOutcome
{
    /// <summary>The change is stored.</summary>
    Updated,

    /// <summary>404: no such entity (looked at before any <c>If-Match</c>).</summary>
    NotFound,

    /// <summary>412: the client's <c>If-Match</c> does not name the current version.</summary>
    PreconditionFailed,

    /// <summary>The change function declined the current version; nothing was written.</summary>
    Refused,

    /// <summary>Other writers changed the entity on every attempt: the caller answers 503 and the client retries.</summary>
    Contended,
}

/// <param name="Outcome">What happened.</param>
/// <param name="Entity">The stored entity when updated; the current one when refused.</param>
/// <param name="ETag">The stored entity's ETag in header form, when updated.</param>
internal sealed record UpdateResult(UpdateOutcome Outcome, TableEntity? Entity = null, string? ETag = null);

/// <summary>
/// Read, change, write conditionally on the ETag read, again from a fresh read when another writer got in between:
/// Table Storage's optimistic concurrency decides every race, so concurrent changes to different members all land.
/// </summary>
internal static class ConditionalUpdate
{
    /// <summary>
    /// How many read-change-write rounds before giving up to other writers. Each round some writer wins, so n writers
    /// racing on one entity need at most n rounds: this covers bursts of a few dozen.
    /// </summary>
    public const int DefaultMaxAttempts = 32;

    /// <summary>Changes one entity.</summary>
    /// <param name="table">The entity's table.</param>
    /// <param name="partitionKey">The entity's partition key.</param>
    /// <param name="rowKey">The entity's row key.</param>
    /// <param name="ifMatch">The client's precondition, checked against every version read; null when it sent none.</param>
    /// <param name="change">
    /// Changes the entity it is given in place and returns true to store it, or false to store nothing (the caller keeps
    /// its reason). It may run more than once, each time on a fresher version, so it must derive everything from that.
    /// </param>
    /// <param name="maxAttempts">How many read-change-write rounds at most.</param>
    /// <param name="firstVersion">
    /// A version the caller read already (with its ETag): the first round changes it instead of reading again; a
    /// version that has moved on since fails its conditional write and the next round reads afresh.
    /// </param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public static async Task<UpdateResult> UpdateAsync(
        TableClient table,
        string partitionKey,
        string rowKey,
        IfMatch? ifMatch,
        Func<TableEntity, bool> change,
        int maxAttempts = DefaultMaxAttempts,
        TableEntity? firstVersion = null,
        CancellationToken cancellationToken = default)
    {
        TableEntity? attempted = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            TableEntity current;
            if (attempt == 0 && firstVersion is not null)
            {
                current = firstVersion;
            }
            else
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
                if (!found.HasValue)
                {
                    return new UpdateResult(UpdateOutcome.NotFound);
                }

                current = found.Value!;
            }

            // A write whose response was lost (and which the SDK then retried into a 412) did land: its result is what is
            // stored now. Answering from it keeps the answer the same as if the first response had arrived.
            if (attempted is not null && SameProperties(current, attempted))
            {
                return new UpdateResult(UpdateOutcome.Updated, current, current.ETag.ToString("H"));
            }

            var read = current.ETag;
            if (ifMatch is not null && !ifMatch.Matches(read.ToString("H")))
            {
                return new UpdateResult(UpdateOutcome.PreconditionFailed);
            }

            if (!change(current))
            {
                return new UpdateResult(UpdateOutcome.Refused, current);
            }

            attempted = new TableEntity(current);
            try
            {
                var response = await table.UpdateEntityAsync(current, read, TableUpdateMode.Replace, cancellationToken);
                string etag = response.Headers.ETag?.ToString("H") ?? string.Empty;
                current.ETag = new ETag(etag);
                return new UpdateResult(UpdateOutcome.Updated, current, etag);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Changed since it was read (UpdateConditionNotSatisfied): read it again and re-apply, after a short random
                // pause so that the writers that lost this round do not all collide again in the next.
                await Task.Delay(Random.Shared.Next(attempt * 5 + 1), cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                return new UpdateResult(UpdateOutcome.NotFound);
            }
        }

        return new UpdateResult(UpdateOutcome.Contended);
    }

    /// <summary>Whether two versions of an entity hold the same properties (system ones aside).</summary>
    internal static bool SameProperties(TableEntity stored, TableEntity written)
    {
        var storedProperties = UserProperties(stored);
        var writtenProperties = UserProperties(written);
        return storedProperties.Count == writtenProperties.Count
            && storedProperties.All(pair => writtenProperties.TryGetValue(pair.Key, out var other) && SameValue(pair.Value, other));
    }

    private static Dictionary<string, object> UserProperties(TableEntity entity) =>
        entity
            .Where(pair => pair.Key is not ("odata.etag" or "Timestamp") && !pair.Key.Contains("@odata.", StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    // Values read back come in storage's types: binary as BinaryData or byte[], dates as DateTimeOffset.
    private static bool SameValue(object? left, object? right) => (Normalize(left), Normalize(right)) switch
    {
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks == b.UtcTicks,
        var (a, b) => Equals(a, b),
    };

    private static object? Normalize(object? value) => value switch
    {
        BinaryData data => data.ToArray(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind)),
        _ => value,
    };
}
