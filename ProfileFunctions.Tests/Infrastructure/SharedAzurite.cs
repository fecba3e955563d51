[assembly: AssemblyFixture(typeof(ProfileFunctions.Tests.Infrastructure.SharedAzurite))]

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// The one Azurite of a test run, started before the first test and stopped after the last: the API's tests, the
/// content store's and the table-level tests all use it, each in rows, tables and blobs of its own (new user ids,
/// new table names). A test that must delete a table or container the app names keeps an Azurite of its own.
/// </summary>
public sealed class SharedAzurite : IAsyncLifetime
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
}
