using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.LocalHost.DevelopmentTokens;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class DevelopmentTokenTests(ApiFixture api)
{
    private static readonly string BuiltDll = Path.Combine(AppContext.BaseDirectory, "ProfileFunctions.LocalHost.dll");

    private (int ExitCode, string Output, string Error) Command(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // The settings the test hosts get (the test run's own key), never the user's secrets.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(api.Settings()!).Build();
        int exitCode = DevelopmentTokenCommand.Run(arguments, settings, output, error);
        return (exitCode, output.ToString().Trim(), error.ToString());
    }

    private string Mint(params string[] arguments)
    {
        var (exitCode, output, error) = Command(arguments);
        Assert.True(exitCode == 0, error);
        return output;
    }

    [Fact]
    public async Task InDevelopmentAMintedTokenCreatesTheUsersProfile()
    {
        await using var own = api.StartOwnApi(environment: "Development");
        string user = Paths.NewUser();

        var response = await own.PostAsync(Paths.Profile("me"), Mint("--user", user), """{"displayName":"Dev"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(user, (await api.ProfileAsync(user))!.GetString("CreatedBy"));
    }

    [Fact]
    public async Task OutsideDevelopmentAMintedTokenIsRejectedLikeAnyUnknownIssuers()
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Profile(user), Mint("--user", user), "{}");

        await GraphError.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task InDevelopmentATokenSignedWithAnotherKeyIsStillRejected()
    {
        await using var own = api.StartOwnApi(environment: "Development");
        string user = Paths.NewUser();
        string forged = DevelopmentTokenCommand.Mint(new SymmetricSecurityKey(new byte[32]), "dotnet-user-jwts", "api://profilefunctions-localhost", user, ["Profile.ReadWrite"], [], "app", TimeSpan.FromMinutes(5));

        await GraphError.AssertAsync(await own.PostAsync(Paths.Profile(user), forged, "{}"), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    [Fact]
    public async Task InDevelopmentRealTokensAreStillValidatedByTheAuthority()
    {
        await using var own = api.StartOwnApi(environment: "Development");
        string user = Paths.NewUser();

        Assert.Equal(HttpStatusCode.Created, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user) with { Audience = "api://other" }), "{}")).StatusCode);
    }

    [Fact]
    public async Task InDevelopmentWithNoAppRegistrationOnlyDevelopmentTokensAreAcceptedAndEntraIdIsNeverAsked()
    {
        await using var own = api.StartOwnApi(
            new Dictionary<string, string?> { ["AzureAd:Instance"] = null, ["AzureAd:TenantId"] = null, ["AzureAd:ClientId"] = null },
            environment: "Development");
        string user = Paths.NewUser();

        var developmentToken = await own.PostAsync(Paths.Profile("me"), Mint("--user", user), "{}");
        var entraToken = await own.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), "{}");

        Assert.Equal(HttpStatusCode.Created, developmentToken.StatusCode);
        await GraphError.AssertAsync(entraToken, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");

        // Metadata that is already there: neither validation nor the start-up warm-up fetches Entra ID's.
        var bearer = own.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.IsType<StaticConfigurationManager<OpenIdConnectConfiguration>>(bearer.ConfigurationManager);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public async Task OutsideDevelopmentOrWithOneIdGivenAMissingIdStillStopsTheHostAtStart(string environment, bool bothIdsMissing)
    {
        var changes = new Dictionary<string, string?> { ["AzureAd:ClientId"] = null };
        if (bothIdsMissing)
        {
            changes["AzureAd:TenantId"] = null;
        }

        // The built host, as a user starts it: WebApplicationFactory races its own disposal when a host fails to start,
        // and then reports an ObjectDisposedException instead of the host's failure.
        var settings = api.Settings(changes);
        settings["ASPNETCORE_ENVIRONMENT"] = environment;
        using var host = LocalHostProcess.Start(BuiltDll, settings, "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        var (exitCode, output) = await host.ExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AzureAd__ClientId", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentTheClaimsRulesStillApply()
    {
        await using var own = api.StartOwnApi(environment: "Development");

        var forOther = await own.PostAsync(Paths.Profile(Paths.NewUser()), Mint("--user", Paths.NewUser()), "{}");
        var asAdmin = await own.PostAsync(Paths.Photos(Paths.NewUser()), Mint("--user", Paths.NewUser(), "--role", "Profile.ReadWrite.All"), "{}");

        await GraphError.AssertAsync(forOther, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);
    }

    [Fact]
    public void WithNoSigningKeyTheCommandSaysHowToMakeOneWithUserJwts()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = DevelopmentTokenCommand.Run(["--user", "u-1"], new ConfigurationBuilder().Build(), output, error);

        Assert.Equal(DevelopmentTokenCommand.NoSigningKey, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("dotnet user-jwts key --project ProfileFunctions.LocalHost --scheme DevelopmentTokens", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandMintsTheClaimsItIsAskedFor()
    {
        var token = new JsonWebToken(Mint("--user", "u-1", "--scope", "Profile.ReadWrite User.Read", "--role", "A,B", "--app", "my-app", "--minutes", "5"));

        Assert.Equal("u-1", token.GetClaim("oid").Value);
        Assert.Equal("Profile.ReadWrite User.Read", token.GetClaim("scp").Value);
        Assert.Equal(["A", "B"], token.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value));
        Assert.Equal("my-app", token.GetClaim("azp").Value);
        Assert.InRange(token.ValidTo, DateTime.UtcNow.AddMinutes(4), DateTime.UtcNow.AddMinutes(6));
    }

    [Fact]
    public void WithOnlyARoleTheCommandMintsAnApplicationToken() =>
        Assert.False(new JsonWebToken(Mint("--user", "u-1", "--role", "Profile.ReadWrite.All")).TryGetClaim("scp", out _));

    [Theory]
    [InlineData("--user")]
    [InlineData("--scope", "Profile.ReadWrite")]
    [InlineData("--user", "u", "--minutes", "0")]
    [InlineData("--user", "u", "--minutes", "soon")]
    [InlineData("--user", "u", "--color", "blue")]
    public void TheCommandRefusesBadArgumentsWithItsUsage(params string[] arguments)
    {
        var (exitCode, output, error) = Command(arguments);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }
}
