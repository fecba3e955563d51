using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>An API of a test's own, with settings or an environment the shared one does not have.</summary>
public sealed class OwnApi : IAsyncDisposable
{
    private readonly ApiFactory _factory;

    internal OwnApi(ApiFactory factory)
    {
        _factory = factory;
        // Every response is held to openapi.json (DocumentedResponses).
        Client = factory.CreateDefaultClient(new DocumentedResponses());
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Where a Kestrel-backed API (<see cref="ApiFixture.StartListeningApi"/>) listens.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public Task<HttpResponseMessage> PostAsync(string path, string? token, string json) => ApiFixture.PostAsync(Client, path, token, json);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
