using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.LocalHost.DevelopmentTokens;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class DevelopmentTokenTests(ApiFixture api)
{
    private (int ExitCode, string Output, string Error) Command(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = DevelopmentTokenCommand.Run([.. arguments, "--key-file", api.DevelopmentKeyFile], output, error);
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
        string forged = DevelopmentTokenCommand.Mint(new SymmetricSecurityKey(new byte[32]), user, ["Profile.ReadWrite"], [], "app", TimeSpan.FromMinutes(5));

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
    public async Task InDevelopmentTheClaimsRulesStillApply()
    {
        await using var own = api.StartOwnApi(environment: "Development");

        var forOther = await own.PostAsync(Paths.Profile(Paths.NewUser()), Mint("--user", Paths.NewUser()), "{}");
        var asAdmin = await own.PostAsync(Paths.Photos(Paths.NewUser()), Mint("--user", Paths.NewUser(), "--role", "Profile.ReadWrite.All"), "{}");

        await GraphError.AssertAsync(forOther, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);
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
