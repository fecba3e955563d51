using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// One issuer and one in-memory API for the whole integration collection, over the test run's Azurite; tests isolate
/// themselves by using new user ids.
/// </summary>
public sealed class ApiFixture(SharedAzurite storage) : IAsyncLifetime
{
    private OwnApi? _shared;
    private FunctionsHostProcess? _functionsHost;

    public Azurite Azurite => storage.Azurite;

    public TestIssuer Issuer { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A development-token signing key of this test run's own, given in settings: never the user's secrets.</summary>
    public string DevelopmentSigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();

        // The contract lane runs the same HTTP tests against the Functions app under Core Tools (test.sh decides).
        if (FunctionsHostProcess.Lane)
        {
            _functionsHost = await FunctionsHostProcess.StartAsync(Settings());
            Client = new HttpClient(new DocumentedResponses(new HttpClientHandler())) { BaseAddress = _functionsHost.BaseAddress };
            return;
        }

        _shared = StartOwnApi();
        Client = _shared.Client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        if (_functionsHost is not null)
        {
            Client.Dispose();
            _functionsHost.Dispose();
        }

        await Issuer.DisposeAsync();
    }

    /// <summary>The settings a correctly configured API gets, changed by <paramref name="changes"/> (null removes one).</summary>
    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string?>? changes = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureAd:Instance"] = Issuer.Instance,
            ["AzureAd:TenantId"] = TestIssuer.TenantId,
            ["AzureAd:ClientId"] = TestIssuer.ClientId,
            ["ProfileStorage"] = Azurite.ConnectionString,
            ["Authentication:Schemes:DevelopmentTokens:ValidIssuer"] = "dotnet-user-jwts",
            ["Authentication:Schemes:DevelopmentTokens:ValidAudiences:0"] = "api://profilefunctions-localhost",
            ["Authentication:Schemes:DevelopmentTokens:SigningKeys:0:Issuer"] = "dotnet-user-jwts",
            ["Authentication:Schemes:DevelopmentTokens:SigningKeys:0:Value"] = DevelopmentSigningKey,

            // The suite makes many requests as one caller (an application token's appid, a fixed user): the throttling
            // tests set their own small limit, and no other test is ever throttled.
            ["ProfileApi:RateLimit:PermitsPerMinute"] = "1000000",
        };
        foreach (var (key, value) in changes ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    /// <summary>Starts an API of the test's own: these settings changed, in this environment.</summary>
    public OwnApi StartOwnApi(IReadOnlyDictionary<string, string?>? changes = null, string environment = "Production", Action<IServiceCollection>? services = null) =>
        new(new ApiFactory(Settings(changes), environment, services));

    /// <summary>
    /// Starts an API of the test's own on Kestrel at 127.0.0.1 (a free port), for requests only a socket can make; its
    /// <see cref="OwnApi.Address"/> is where to connect.
    /// </summary>
    public OwnApi StartListeningApi(string environment = "Production", Action<IServiceCollection>? services = null)
    {
        var factory = new ApiFactory(Settings(), environment, services);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new OwnApi(factory);
    }

    public string Token(TokenRequest request) => Issuer.Mint(request);

    public Task<HttpResponseMessage> PostAsync(string path, string? token, string json, string contentType = "application/json") =>
        PostAsync(Client, path, token, json, contentType);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? token, string json, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollectionDefinition : ICollectionFixture<ApiFixture>
{
    public const string Name = "API over HTTP with Azurite and a test issuer";

    /// <summary>
    /// The classes that only call the shared API's client: test.sh runs them a second time against the Functions app
    /// under Core Tools, where func is installed.
    /// </summary>
    public const string Lane = "Lane";

    public const string ContractLane = "Contract";
}
