using Azure.Data.Tables;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Storage;

/// <summary>
/// The two tables, created if missing once per process: on first use rather than at start-up, so that a cold start
/// does no storage I/O, and again only after a failure (or after storage reported a table gone).
/// </summary>
internal sealed class ProfileTables
{
    private readonly TableClient _profiles;
    private readonly TableClient _photos;
    private readonly TimeSpan _createTimeout;
    private readonly Lock _gate = new();
    private Task? _created;

    public ProfileTables(TableServiceClient service, TimeSpan createTimeout)
    {
        _profiles = service.GetTableClient(ResourceDefinition.Profile.TableName);
        _photos = service.GetTableClient(ResourceDefinition.Photo.TableName);
        _createTimeout = createTimeout;
    }

    public TableClient For(ResourceDefinition resource) => resource.IsSingleton ? _profiles : _photos;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync();
            }

            created = _created;
        }

        // Shared by all requests waiting for it, so it runs under its own timeout, not one caller's cancellation.
        return created.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets that the tables exist, so that the next request creates them again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _created = null;
        }
    }

    private async Task CreateAsync()
    {
        using var timeout = new CancellationTokenSource(_createTimeout);
        await Task.WhenAll(
            _profiles.CreateIfNotExistsAsync(timeout.Token),
            _photos.CreateIfNotExistsAsync(timeout.Token));
    }
}
