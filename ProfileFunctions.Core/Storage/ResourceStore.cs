using Azure;
using Azure.Data.Tables.Models;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Storage;

/// <summary>Writes resources to Table Storage, answering within a time budget whatever storage does.</summary>
internal sealed partial class ResourceStore
{
    private readonly ProfileTables _tables;
    private readonly TimeSpan _budget;
    private readonly ILogger<ResourceStore> _logger;

    public ResourceStore(ProfileTables tables, TimeSpan budget, ILogger<ResourceStore> logger)
    {
        _tables = tables;
        _budget = budget;
        _logger = logger;
    }

    /// <summary>
    /// Inserts a new entity. The table's own insert decides uniqueness: a second insert of the same keys fails in
    /// storage, so racing creates yield one <see cref="InsertOutcome.Created"/> and the rest
    /// <see cref="InsertOutcome.AlreadyExists"/>.
    /// </summary>
    public async Task<InsertResult> InsertAsync(ResourceDefinition resource, ResourceEntity entity, CancellationToken requestAborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(_budget);
        try
        {
            await _tables.EnsureCreatedAsync(deadline.Token);
            var response = await _tables.For(resource).AddEntityAsync(entity.ToTableEntity(), deadline.Token);
            return new InsertResult(InsertOutcome.Created, response.Headers.ETag?.ToString("H"));
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return new InsertResult(InsertOutcome.AlreadyExists);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == TableErrorCode.TableNotFound)
        {
            // Someone deleted the table under a running process: the next request creates it again.
            _tables.Forget();
            LogTableMissing(resource.TableName);
            return new InsertResult(InsertOutcome.Unavailable);
        }
        catch (Exception exception) when (!requestAborted.IsCancellationRequested && IsUnavailable(exception))
        {
            LogUnavailable(exception, resource.TableName);
            return new InsertResult(InsertOutcome.Unavailable);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table {Table} was not found; it will be created again on the next request")]
    private partial void LogTableMissing(string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage could not be reached in time for table {Table}")]
    private partial void LogUnavailable(Exception exception, string table);
}
