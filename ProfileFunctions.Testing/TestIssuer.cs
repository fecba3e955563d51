using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.Testing;

/// <summary>
/// An OpenID Connect issuer in the test process: metadata and JWKS on 127.0.0.1, RSA keys, and tokens shaped like
/// Entra ID access tokens, so that Microsoft.Identity.Web's real validation path runs against it.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string TenantId = "7f3e2a10-1c4b-4d2e-9a8f-0b1c2d3e4f50";
    public const string ClientId = "0e8f6c2a-5b3d-4e1f-a7c9-d2b4e6f8a0c1";

    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<RsaSecurityKey> _published = [];
    private RsaSecurityKey _current;
    private int _keySetRequests;

    private TestIssuer(WebApplication app)
    {
        _app = app;
        _current = PublishNewKey();
    }

    public string Instance { get; private set; } = string.Empty;

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    /// <summary>The issuer of v1.0 tokens, as Entra ID's <c>https://sts.windows.net/{tenant}/</c> is.</summary>
    public string V1Issuer => $"{Instance}{TenantId}/";

    /// <summary>How many times the JWKS has been fetched.</summary>
    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestIssuer(app);

        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"{issuer.Instance}{tenant}/v2.0",
            ["jwks_uri"] = $"{issuer.Instance}{tenant}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{issuer.Instance}{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{issuer.Instance}{tenant}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            Interlocked.Increment(ref issuer._keySetRequests);
            return Results.Json(new { keys = issuer.PublishedKeys() });
        });

        await app.StartAsync();
        issuer.Instance = app.Urls.Single().TrimEnd('/') + "/";
        return issuer;
    }

    /// <summary>Adds a key to the JWKS and signs every later token with it.</summary>
    public RsaSecurityKey PublishNewKey()
    {
        var key = NewKey();
        lock (_gate)
        {
            _published.Add(key);
            _current = key;
        }

        return key;
    }

    /// <summary>A key the issuer has never published.</summary>
    public static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    public string Mint(TokenRequest request)
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = request.TenantId,
            ["ver"] = request.Version,
            ["sub"] = request.ObjectId ?? request.AppId,
            [request.Version == "1.0" ? "appid" : "azp"] = request.AppId,
        };
        if (request.ObjectId is not null)
        {
            claims["oid"] = request.ObjectId;
        }

        if (request.Scopes is not null)
        {
            claims["scp"] = request.Scopes;
        }

        if (request.Roles is not null)
        {
            claims["roles"] = request.Roles;
        }

        var now = DateTime.UtcNow;
        var notBefore = request.NotBefore ?? now.AddMinutes(-1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer ?? (request.Version == "1.0" ? V1Issuer : Issuer),
            Audience = request.Audience ?? $"api://{ClientId}",
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = request.Expires ?? now.AddHours(1),
            SigningCredentials = request.WithoutSignature
                ? null
                : request.SigningCredentials ?? new SigningCredentials(CurrentKey(), SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The key tokens are signed with now.</summary>
    public RsaSecurityKey CurrentKey()
    {
        lock (_gate)
        {
            return _current;
        }
    }

    private object[] PublishedKeys()
    {
        lock (_gate)
        {
            return _published
                .Select(key => JsonWebKeyConverter.ConvertFromRSASecurityKey(key))
                .Select(jwk => (object)new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E })
                .ToArray();
        }
    }
}
