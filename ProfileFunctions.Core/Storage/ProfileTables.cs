using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>
/// The two tables, created if missing once per process: on first use rather than at start-up, so that a cold start
/// does no storage I/O, and again only after a failure (or after storage reported a table gone).
/// </summary>
internal sealed class ProfileTables
{
    /// <summary>The users' profiles, and the API's own rows in partition <c>$system</c>.</summary>
    public const string Profiles = "Profiles";

    /// <summary>The users' photos.</summary>
    public const string Photos = "ProfilePhotos";

    private readonly TableClient _profiles;
    private readonly TableClient _photos;
    private readonly TimeSpan _createTimeout;
    private readonly SharedTask<bool> _created;

    public ProfileTables(TableServiceClient service, TimeSpan createTimeout)
    {
        _profiles = service.GetTableClient(Profiles);
        _photos = service.GetTableClient(Photos);
        _createTimeout = createTimeout;
        _created = new SharedTask<bool>(CreateAsync);
    }

    /// <summary>The table an entity type names; a name that is not one of the two tables is a programming error, not a photo.</summary>
    public TableClient For<TEntity>()
        where TEntity : IStoredEntity<TEntity> => Named(TEntity.TableName);

    public TableClient Named(string table) => table switch
    {
        Profiles => _profiles,
        Photos => _photos,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not one of the API's tables."),
    };

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
