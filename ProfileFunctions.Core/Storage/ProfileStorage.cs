using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProfileFunctions.Core.Storage;

/// <summary>Registers the process's one <see cref="TableServiceClient"/> and <see cref="BlobServiceClient"/>, and the store on top of the tables.</summary>
internal static class ProfileStorage
{
    /// <summary>
    /// How long one storage operation may take, retries included, before the API answers 503. The contract allows
    /// 10 seconds from the request; the rest is headroom for everything else the request does.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    /// <summary>Seconds a client is told to wait after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    public static IServiceCollection AddProfileStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ProfileStorageSettings.SectionName);
        services.AddOptions<ProfileStorageSettings>()
            .Configure(settings =>
            {
                // The section's own value is the connection string; its children are the identity-based settings.
                settings.ConnectionString = section.Value;
                settings.TableServiceUri = section["tableServiceUri"];
                settings.BlobServiceUri = section["blobServiceUri"];
                settings.ClientId = section["clientId"];
                settings.AttemptTimeout = section["attemptTimeout"];
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProfileStorageSettings>, ProfileStorageSettingsValidator>();

        services.AddSingleton(provider => StorageIdentity.For(provider.GetRequiredService<IOptions<ProfileStorageSettings>>().Value));
        services.AddSingleton(provider => CreateServiceClient(provider.GetRequiredService<IOptions<ProfileStorageSettings>>().Value, provider.GetRequiredService<StorageIdentity>()));
        services.AddSingleton(provider => CreateBlobServiceClient(provider.GetRequiredService<IOptions<ProfileStorageSettings>>().Value, provider.GetRequiredService<StorageIdentity>()));
        services.AddSingleton(provider => new ProfileTables(provider.GetRequiredService<TableServiceClient>(), Budget));
        services.AddSingleton(provider => new TableStore(
            provider.GetRequiredService<ProfileTables>(),
            Budget,
            provider.GetRequiredService<ILogger<TableStore>>()));
        return services;
    }

    internal static TableServiceClient CreateServiceClient(ProfileStorageSettings settings, StorageIdentity identity)
    {
        var options = new TableClientOptions();
        BoundRetries(options.Retry, settings.AttemptTimeoutValue);
        return identity.Credential is { } credential
            ? new TableServiceClient(new Uri(settings.TableServiceUri!), credential, options)
            : new TableServiceClient(settings.ConnectionString, options);
    }

    /// <summary>The process's one client for photo content, from the same settings as the tables.</summary>
    internal static BlobServiceClient CreateBlobServiceClient(ProfileStorageSettings settings, StorageIdentity identity)
    {
        // Each attempt may carry 4 MiB, so it gets longer than a table call.
        var options = new BlobClientOptions();
        BoundRetries(options.Retry, TimeSpan.FromSeconds(10));
        return identity.Credential is { } credential
            ? new BlobServiceClient(new Uri(settings.BlobServiceUri!), credential, options)
            : new BlobServiceClient(settings.ConnectionString, options);
    }

    // Fail fast enough to answer within the budget: a few quick retries, each attempt bounded.
    private static void BoundRetries(RetryOptions retry, TimeSpan attempt)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = attempt;
    }
}

/// <summary>
/// How both storage clients sign in: a connection string (no credential), or the one managed-identity credential they
/// share, so that its tokens are fetched and cached once per process rather than once per client.
/// </summary>
/// <param name="Credential">Null when the settings name a connection string.</param>
internal sealed record StorageIdentity(TokenCredential? Credential)
{
    public static StorageIdentity For(ProfileStorageSettings settings) =>
        new(string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ClientId })
            : null);
}

/// <summary>Which failures of Table or Blob Storage say that storage cannot be reached now (503), rather than that the request is wrong.</summary>
internal static class StorageFailure
{
    public static bool IsUnavailable(Exception exception) => exception switch
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
}

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

/// <summary>
/// Work done once per process and shared by every caller: started by the first caller, and started again only after
/// it failed or was forgotten. It runs under its own timeout, never one caller's cancellation.
/// </summary>
internal sealed class SharedTask<T>(Func<Task<T>> start)
{
    private readonly Lock _gate = new();
    private Task<T>? _task;

    public Task<T> Get()
    {
        var task = Volatile.Read(ref _task);
        if (task is { IsCompletedSuccessfully: true })
        {
            return task;
        }

        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = start();
            }

            return _task;
        }
    }

    /// <summary>Forgets the result, so that the next caller starts the work again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _task = null;
        }
    }
}
