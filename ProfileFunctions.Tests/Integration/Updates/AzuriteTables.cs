using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace ProfileFunctions.Tests.Integration.Updates;

/// <summary>One real Azurite for a test class; each test makes tables of its own, so tests do not see each other's rows.</summary>
public sealed class AzuriteTables : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A new, empty table, through a client with the given extra pipeline policy (such as a fault).</summary>
    public async Task<TableClient> NewTableAsync(HttpPipelinePolicy? perRetryPolicy = null)
    {
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        if (perRetryPolicy is not null)
        {
            options.AddPolicy(perRetryPolicy, HttpPipelinePosition.PerRetry);
        }

        var table = new TableServiceClient(Azurite.ConnectionString, options).GetTableClient("t" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        return table;
    }
}
