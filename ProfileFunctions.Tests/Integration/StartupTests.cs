using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class StartupTests(ApiFixture api)
{
    private static readonly string BuiltDll = Path.Combine(AppContext.BaseDirectory, "ProfileFunctions.LocalHost.dll");

    [Theory]
    [InlineData("AzureAd:Instance", null, "AzureAd__Instance")]
    [InlineData("AzureAd:Instance", "http://login.microsoftonline.com/", "AzureAd__Instance")]
    [InlineData("AzureAd:TenantId", null, "AzureAd__TenantId")]
    [InlineData("AzureAd:TenantId", "common", "AzureAd__TenantId")]
    [InlineData("AzureAd:ClientId", null, "AzureAd__ClientId")]
    [InlineData("AzureAd:ClientId", "my-api", "AzureAd__ClientId")]
    [InlineData("ProfileStorage", null, "ProfileStorage")]
    [InlineData("ProfileStorage", "not a connection string", "ProfileStorage")]
    [InlineData("ProfileStorage:tableServiceUri", "https://acct.table.core.windows.net", "ProfileStorage__tableServiceUri")]
    [InlineData("ProfileApi:PublicBaseUrl", "profiles.contoso.com", "ProfileApi__PublicBaseUrl")]
    [InlineData("ProfileApi:PublicBaseUrl", "ftp://profiles.contoso.com/", "ProfileApi__PublicBaseUrl")]
    [InlineData("ProfileApi:PublicBaseUrl", "https://profiles.contoso.com/api?x=1", "ProfileApi__PublicBaseUrl")]
    [InlineData("ProfileApi:DecodeBudgetMegapixels", "0", "ProfileApi__DecodeBudgetMegapixels")]
    [InlineData("ProfileApi:DecodeBudgetMegapixels", "lots", "ProfileApi__DecodeBudgetMegapixels")]
    [InlineData("ProfileApi:RateLimit:PermitsPerMinute", "0", "ProfileApi__RateLimit__PermitsPerMinute")]
    [InlineData("ProfileApi:RateLimit:PermitsPerMinute", "1000001", "ProfileApi__RateLimit__PermitsPerMinute")]
    [InlineData("ProfileApi:RateLimit:PermitsPerMinute", "lots", "ProfileApi__RateLimit__PermitsPerMinute")]
    [InlineData("ProfileApi:MaxPhotosPerUser", "0", "ProfileApi__MaxPhotosPerUser")]
    [InlineData("ProfileApi:MaxPhotosPerUser", "1000001", "ProfileApi__MaxPhotosPerUser")]
    [InlineData("ProfileApi:MaxPhotosPerUser", "-5", "ProfileApi__MaxPhotosPerUser")]
    [InlineData("ProfileApi:MaxPhotosPerUser", "many", "ProfileApi__MaxPhotosPerUser")]
    public async Task AMissingOrMalformedSettingStopsTheHostAtStartNamingIt(string key, string? value, string named)
    {
        // A host of nothing but AddProfileApi, as both the local host and the Functions app compose it.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(api.Settings(new Dictionary<string, string?> { [key] = value })!);
        builder.Services.AddProfileApi(builder.Configuration);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidSettingsStartTheHostWithoutWaitingForStorageOrTheAuthority()
    {
        // Both accept connections and never answer; warm-up reaches for both in the background, and start-up must not
        // wait for it: it completes well within the storage budget (8 s) that a wait would run into.
        using var storage = new SilentServer();
        using var authority = new SilentServer();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(api.Settings(new Dictionary<string, string?>
        {
            ["ProfileStorage"] = $"DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:{storage.Port}/a;",
            ["AzureAd:Instance"] = $"http://127.0.0.1:{authority.Port}/",
        })!);
        builder.Services.AddProfileApi(builder.Configuration);
        using var host = builder.Build();

        var started = Stopwatch.StartNew();
        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"Start-up took {started.Elapsed}: it waited for storage or the authority.");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TheBuiltHostStopsWithAMessageNamingTheMissingSetting()
    {
        using var host = LocalHostProcess.Start(BuiltDll, api.Settings(new Dictionary<string, string?> { ["AzureAd:ClientId"] = null }), "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        var (exitCode, output) = await host.ExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AzureAd__ClientId", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBuiltHostServesTheApiOnTheAddressInAspNetCoreUrls()
    {
        int port = FreePort.Next();
        var settings = api.Settings();
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var host = LocalHostProcess.Start(BuiltDll, settings);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string user = Paths.NewUser();

        HttpResponseMessage? response = null;
        for (var waited = Stopwatch.StartNew(); response is null && waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            try
            {
                response = await ApiFixture.PostAsync(client, Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(HttpStatusCode.Created, response?.StatusCode);
        Assert.NotNull(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task TheBuiltHostMintsADevelopmentTokenOnCommandWithTheKeyInUserSecrets()
    {
        // A HOME of the test's own: user secrets are read from ~/.microsoft/usersecrets, and the user's stay untouched.
        string home = Directory.CreateTempSubdirectory("profilefunctions-home-").FullName;
        try
        {
            string secrets = Path.Combine(home, ".microsoft", "usersecrets", "profilefunctions-localhost");
            Directory.CreateDirectory(secrets);
            await File.WriteAllTextAsync(
                Path.Combine(secrets, "secrets.json"),
                $$"""{"Authentication:Schemes:DevelopmentTokens:SigningKeys":[{"Id":"t","Issuer":"dotnet-user-jwts","Value":"{{api.DevelopmentSigningKey}}","Length":32}]}""",
                TestContext.Current.CancellationToken);
            using var host = LocalHostProcess.Start(BuiltDll, new Dictionary<string, string> { ["HOME"] = home }, "token", "--user", "u-1");

            var (exitCode, output) = await host.ExitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, exitCode);
            var token = new JsonWebTokenHandler().ValidateTokenAsync(output.Trim(), new TokenValidationParameters
            {
                ValidIssuer = "dotnet-user-jwts",
                ValidAudience = "api://profilefunctions-localhost",
                IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(api.DevelopmentSigningKey)),
            });
            Assert.True((await token).IsValid);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task TheBuiltHostAsksForAUserJwtsKeyWhenUserSecretsHaveNone()
    {
        string home = Directory.CreateTempSubdirectory("profilefunctions-home-").FullName;
        try
        {
            using var host = LocalHostProcess.Start(BuiltDll, new Dictionary<string, string> { ["HOME"] = home }, "token", "--user", "u-1");

            var (exitCode, output) = await host.ExitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(3, exitCode);
            Assert.Contains("dotnet user-jwts key", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
