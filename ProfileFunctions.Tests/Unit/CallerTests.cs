using System.Security.Claims;
using ProfileFunctions.Core.Access;

namespace ProfileFunctions.Tests.Unit;

public sealed class CallerTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)), "Bearer"));

    [Fact]
    public void ShortClaimNamesAreRead()
    {
        var caller = Caller.From(Principal(("oid", "u1"), ("scp", "User.Read Profile.ReadWrite"), ("roles", "A"), ("roles", "B"), ("azp", "app")));

        Assert.Equal("u1", caller.ObjectId);
        Assert.Equal(["User.Read", "Profile.ReadWrite"], caller.Scopes);
        Assert.Equal(["A", "B"], caller.Roles);
        Assert.True(caller.IsDelegated);
    }

    [Fact]
    public void LongClaimNamesAreRead()
    {
        var caller = Caller.From(Principal(
            ("http://schemas.microsoft.com/identity/claims/objectidentifier", "u1"),
            ("http://schemas.microsoft.com/identity/claims/scope", "Profile.ReadWrite"),
            (ClaimTypes.Role, "Profile.ReadWrite.All")));

        Assert.Equal("u1", caller.ObjectId);
        Assert.Equal(["Profile.ReadWrite"], caller.Scopes);
        Assert.Equal(["Profile.ReadWrite.All"], caller.Roles);
        Assert.True(caller.IsDelegated);
    }

    [Fact]
    public void ADelegatedTokenIsCreatedByItsUser() =>
        Assert.Equal("u1", Caller.From(Principal(("oid", "u1"), ("scp", "Profile.ReadWrite"), ("azp", "app"))).CreatedBy);

    [Fact]
    public void AV2ApplicationTokenIsCreatedByItsAuthorizedParty()
    {
        var caller = Caller.From(Principal(("oid", "sp"), ("roles", "Profile.ReadWrite.All"), ("azp", "app-v2")));
        Assert.False(caller.IsDelegated);
        Assert.Equal("app-v2", caller.CreatedBy);
    }

    [Fact]
    public void AV1ApplicationTokenIsCreatedByItsAppId() =>
        Assert.Equal("app-v1", Caller.From(Principal(("oid", "sp"), ("roles", "Profile.ReadWrite.All"), ("appid", "app-v1"))).CreatedBy);
}
