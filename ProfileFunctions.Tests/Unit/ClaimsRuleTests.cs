using ProfileFunctions.Core.Authentication;
using ProfileFunctions.Core.Authorization;

namespace ProfileFunctions.Tests.Unit;

public sealed class ClaimsRuleTests
{
    private const string Oid = "6f1d3a7e-1b2c-4d5e-8f90-123456789abc";
    private const string OtherUser = "0b9a8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";

    private static Caller Delegated(string? oid, params string[] scopes) => new(oid, scopes, [], isDelegated: true, applicationId: "app");

    private static Caller Application(params string[] roles) => new("sp-oid", [], roles, isDelegated: false, applicationId: "app");

    [Fact]
    public void TheScopeLetsAUserCreateForThemselves() => Assert.True(ClaimsRule.Allows(Delegated(Oid, "Profile.ReadWrite"), Oid));

    [Fact]
    public void OwnershipIsComparedIgnoringCase() => Assert.True(ClaimsRule.Allows(Delegated(Oid.ToUpperInvariant(), "Profile.ReadWrite"), Oid));

    [Fact]
    public void TheScopeDoesNotLetAUserCreateForAnotherUser() => Assert.False(ClaimsRule.Allows(Delegated(Oid, "Profile.ReadWrite"), OtherUser));

    [Fact]
    public void TheScopeIsFoundAmongOthers() => Assert.True(ClaimsRule.Allows(Delegated(Oid, "User.Read", "Profile.ReadWrite", "openid"), Oid));

    [Theory]
    [InlineData("User.Read")]
    [InlineData("profile.readwrite")]
    [InlineData("Profile.Read")]
    [InlineData("Profile.ReadWrite.All")]
    public void AnotherScopeIsNotEnoughEvenForOneself(string scope) => Assert.False(ClaimsRule.Allows(Delegated(Oid, scope), Oid));

    [Fact]
    public void ADelegatedTokenWithoutAnObjectIdOwnsNothing() => Assert.False(ClaimsRule.Allows(Delegated(null, "Profile.ReadWrite"), Oid));

    [Fact]
    public void TheRoleLetsAnApplicationCreateForAnyUser() => Assert.True(ClaimsRule.Allows(Application("Profile.ReadWrite.All"), OtherUser));

    [Fact]
    public void TheRoleAssignedToAnAdminUserLetsThemCreateForAnyUser()
    {
        var admin = new Caller(Oid, ["User.Read"], ["Profile.ReadWrite.All"], isDelegated: true, applicationId: "app");
        Assert.True(ClaimsRule.Allows(admin, OtherUser));
    }

    [Theory]
    [InlineData("Profile.Read.All")]
    [InlineData("profile.readwrite.all")]
    [InlineData("Profile.ReadWrite")]
    public void AnotherRoleIsNotEnough(string role) => Assert.False(ClaimsRule.Allows(Application(role), OtherUser));

    [Fact]
    public void ATokenWithNeitherScopesNorRolesIsDenied() => Assert.False(ClaimsRule.Allows(Application(), "sp-oid"));
}
