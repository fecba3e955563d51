using Azure.Data.Tables;

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
    private readonly SharedTask<bool> _created;

    public ProfileTables(TableServiceClient service, TimeSpan createTimeout)
    {
        _profiles = service.GetTableClient(ProfileEntity.TableName);
        _photos = service.GetTableClient(PhotoEntity.TableName);
        _createTimeout = createTimeout;
        _created = new SharedTask<bool>(CreateAsync);
    }

    public TableClient For<TEntity>()
        where TEntity : IStoredEntity<TEntity> =>
        TEntity.TableName == ProfileEntity.TableName ? _profiles : _photos;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.Get().WaitAsync(cancellationToken);

    /// <summary>Forgets that the tables exist, so that the next request creates them again.</summary>
    public void Forget() => _created.Forget();

    private async Task<bool> CreateAsync()
    {
        using var timeout = new CancellationTokenSource(_createTimeout);
        await Task.WhenAll(
            _profiles.CreateIfNotExistsAsync(timeout.Token),
            _photos.CreateIfNotExistsAsync(timeout.Token));
        return true;
    }
}
