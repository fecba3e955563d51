using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.Access;

namespace ProfileFunctions.Tests.Unit;

/// <summary>The authorization policy, evaluated as the API evaluates it: through <see cref="IAuthorizationService"/>.</summary>
public sealed class ClaimsRuleTests
{
    private const string Oid = "6f1d3a7e-1b2c-4d5e-8f90-123456789abc";
    private const string OtherUser = "0b9a8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d";

    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddProfileAuthorization()
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    private static ClaimsPrincipal Delegated(string? oid, params string[] scopes) =>
        Principal(oid, [("scp", string.Join(' ', scopes))]);

    private static ClaimsPrincipal Application(params string[] roles) =>
        Principal("sp-oid", roles.Select(role => ("roles", role)));

    private static ClaimsPrincipal Principal(string? oid, IEnumerable<(string Type, string Value)> claims)
    {
        var all = claims.Append((Type: "azp", Value: "app"));
        if (oid is not null)
        {
            all = all.Append((Type: "oid", Value: oid));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(all.Select(claim => new Claim(claim.Type, claim.Value)), "Bearer"));
    }

    private static class ClaimsRule
    {
        public static bool Allows(ClaimsPrincipal user, string userId) => Authorization.AllowsAsync(user, userId).GetAwaiter().GetResult();
    }

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
        var admin = Principal(Oid, [("scp", "User.Read"), ("roles", "Profile.ReadWrite.All")]);
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
