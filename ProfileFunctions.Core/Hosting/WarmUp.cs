using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// Starts, without waiting for them, the two things the first request would otherwise wait for: the authority's
/// metadata and signing keys, and the tables. Start-up does not wait, and a failure here costs nothing: the first
/// request simply does the work itself, as it would without this.
/// </summary>
internal sealed partial class WarmUp(IOptionsMonitor<JwtBearerOptions> bearer, ProfileTables tables, ILogger<WarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(FetchSigningKeysAsync, CancellationToken.None);
        _ = Task.Run(CreateTablesAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task FetchSigningKeysAsync()
    {
        try
        {
            if (bearer.Get(ProfileAuthentication.Scheme).ConfigurationManager is { } metadata)
            {
                await metadata.GetConfigurationAsync(CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            LogWarmUpFailed(exception, "the authority's metadata");
        }
    }

    private async Task CreateTablesAsync()
    {
        try
        {
            await tables.EnsureCreatedAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogWarmUpFailed(exception, "the tables");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up could not get {What}; the first request will")]
    private partial void LogWarmUpFailed(Exception exception, string what);
}
