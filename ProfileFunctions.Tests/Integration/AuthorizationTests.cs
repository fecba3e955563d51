using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class AuthorizationTests(ApiFixture api)
{
    [Theory]
    [InlineData("me")]
    [InlineData("ME")]
    [InlineData("Me")]
    public async Task MeCreatesTheCallersOwnProfile(string me)
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Profile(me), api.Token(TokenRequest.Delegated(user)), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Paths.Absolute(api.Client, $"/user/{user}/profile"), response.Headers.Location?.OriginalString);
        Assert.NotNull(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task TheCallersOwnIdInAnotherCaseIsStillTheirs()
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Photos(user.ToUpperInvariant()), api.Token(TokenRequest.Delegated(user)), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith(Paths.Absolute(api.Client, $"/user/{user}/photos/"), response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostingProfileForAnotherUserIsForbidden()
    {
        string other = Paths.NewUser();

        var response = await api.PostAsync(Paths.Profile(other), api.Token(TokenRequest.Delegated(Paths.NewUser())), "{}");

        await GraphError.AssertAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        Assert.Null(await api.ProfileAsync(other));
    }

    [Fact]
    public async Task TheForbiddenAnswerIsTheSameWhetherOrNotTheOtherUsersResourceExists()
    {
        string existing = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Profile(existing), api.Token(TokenRequest.Delegated(existing)), "{}")).StatusCode);
        string intruder = api.Token(TokenRequest.Delegated(Paths.NewUser()));

        var forExisting = await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(existing), intruder, "{}"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        var forMissing = await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(Paths.NewUser()), intruder, "{}"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");

        Assert.Equal(forExisting.GetProperty("message").GetString(), forMissing.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("User.Read")]
    [InlineData("Profile.Read")]
    [InlineData("profile.readwrite")]
    public async Task WithoutTheScopeEvenOwnProfileIsForbidden(string scopes)
    {
        string user = Paths.NewUser();
        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user, scopes)), "{}"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
    }

    [Fact]
    public async Task AValidTokenWithNeitherScopesNorRolesIsForbiddenNotUnauthorized()
    {
        string user = Paths.NewUser();
        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(user), api.Token(new TokenRequest { ObjectId = user, Scopes = null }), "{}"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
    }

    [Fact]
    public async Task AnApplicationWithTheRoleCreatesForAnyUserAndIsRecordedAsCreator()
    {
        string user = Paths.NewUser();
        var token = TokenRequest.Application("Profile.ReadWrite.All") with { AppId = "app-v2-caller" };

        var response = await api.PostAsync(Paths.Profile(user), api.Token(token), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("app-v2-caller", (await api.ProfileAsync(user))!.GetString("CreatedBy"));
    }

    [Fact]
    public async Task AV1ApplicationTokenIsRecordedByItsAppId()
    {
        string user = Paths.NewUser();
        var token = TokenRequest.Application("Profile.ReadWrite.All") with { Version = "1.0", AppId = "app-v1-caller", Audience = $"api://{TestIssuer.ClientId}" };

        var response = await api.PostAsync(Paths.Photos(user), api.Token(token), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("app-v1-caller", Assert.Single(await api.PhotosAsync(user)).GetString("CreatedBy"));
    }

    [Fact]
    public async Task AnAdminUserWithTheRoleCreatesForAnotherUserAndIsRecordedAsCreator()
    {
        string admin = Paths.NewUser();
        string other = "Grace.Hopper@Contoso.com";
        var token = new TokenRequest { ObjectId = admin, Scopes = "User.Read", Roles = ["Profile.ReadWrite.All"] };

        var response = await api.PostAsync(Paths.Photos(other), api.Token(token), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith(Paths.Absolute(api.Client, "/user/grace.hopper@contoso.com/photos/"), response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(admin, Assert.Single(await api.PhotosAsync("grace.hopper@contoso.com"), photo => photo.GetString("CreatedBy") == admin).GetString("CreatedBy"));
    }

    [Theory]
    [InlineData("Profile.Read.All")]
    [InlineData("Profile.ReadWrite")]
    public async Task AnApplicationWithoutTheRoleIsForbidden(string role) =>
        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(Paths.NewUser()), api.Token(TokenRequest.Application(role)), "{}"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");

    [Fact]
    public async Task MeWithATokenWithoutAnObjectIdIsABadRequest()
    {
        var token = new TokenRequest { ObjectId = null, Scopes = null, Roles = ["Profile.ReadWrite.All"] };

        var error = await GraphError.AssertAsync(await api.PostAsync(Paths.Profile("me"), api.Token(token), "{}"), HttpStatusCode.BadRequest, "BadRequest");

        Assert.Contains("oid", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUserIdIsCheckedBeforeTheClaims()
    {
        var response = await api.PostAsync("/user/a%23b/profile", api.Token(TokenRequest.Delegated(Paths.NewUser(), "User.Read")), "{}");
        await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task TheClaimsAreCheckedBeforeTheBody()
    {
        var response = await api.PostAsync(Paths.Profile(Paths.NewUser()), api.Token(TokenRequest.Delegated(Paths.NewUser())), "not json", "text/plain");
        await GraphError.AssertAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
    }

    [Fact]
    public async Task ACreatedProfileNamesTheCallerAsCreator()
    {
        string user = Paths.NewUser();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Profile("me"), api.Token(TokenRequest.Delegated(user)), "{}")).StatusCode);
        Assert.Equal(user, (await api.ProfileAsync(user))!.GetString("CreatedBy"));
    }
}
