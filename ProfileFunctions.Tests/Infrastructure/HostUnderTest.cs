namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// A host of a test's own, for settings the shared one does not have: under func on the Functions lane (a bare client),
/// else the local host in memory (its client holds every response to openapi.json).
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    private readonly FunctionsHostProcess? _functions;
    private readonly OwnApi? _own;

    private HostUnderTest(FunctionsHostProcess? functions, OwnApi? own, HttpClient client)
    {
        _functions = functions;
        _own = own;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<HostUnderTest> StartAsync(ApiFixture api, IReadOnlyDictionary<string, string?> changes)
    {
        if (FunctionsHostProcess.Lane)
        {
            var functions = await FunctionsHostProcess.StartAsync(api.Settings(changes));
            return new HostUnderTest(functions, null, new HttpClient { BaseAddress = functions.BaseAddress });
        }

        var own = api.StartOwnApi(changes);
        return new HostUnderTest(null, own, own.Client);
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }

        if (_functions is not null)
        {
            Client.Dispose();
            _functions.Dispose();
        }
    }
}
