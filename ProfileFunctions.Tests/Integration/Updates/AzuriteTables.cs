using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Updates;

/// <summary>New tables in the test run's Azurite: each test makes tables of its own, so tests do not see each other's rows.</summary>
public sealed class AzuriteTables(SharedAzurite storage)
{
    /// <summary>A new, empty table, through a client with the given extra pipeline policy (such as a fault).</summary>
    public async Task<TableClient> NewTableAsync(HttpPipelinePolicy? perRetryPolicy = null)
    {
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        if (perRetryPolicy is not null)
        {
            options.AddPolicy(perRetryPolicy, HttpPipelinePosition.PerRetry);
        }

        var table = new TableServiceClient(storage.Azurite.ConnectionString, options).GetTableClient("t" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        return table;
    }
}
