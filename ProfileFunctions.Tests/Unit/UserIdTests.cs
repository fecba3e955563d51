


using ProfileFunctions.Core.Access;

namespace ProfileFunctions.Tests.Unit;

public sealed class UserIdTests
{
    private const string CallerOid = "6F1D3A7E-1B2C-4D5E-8F90-123456789ABC";

    [Theory]
    [InlineData("6f1d3a7e-1b2c-4d5e-8f90-123456789abc")]
    [InlineData("Ada.Lovelace@contoso.onmicrosoft.com")]
    [InlineData("a")]
    [InlineData("user_name-1.2@x")]
    public void ObjectIdsAndUserPrincipalNamesAreWellFormed(string value) => Assert.True(UserId.IsWellFormed(value));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a b")]
    [InlineData("a%2Fb")]
    [InlineData("a\u0001b")]
    [InlineData("a\tb")]
    [InlineData("é")]
    [InlineData("a+b")]
    public void CharactersOutsideTheAllowedSetAreRejected(string value) => Assert.False(UserId.IsWellFormed(value));

    [Fact]
    public void AUserIdOf128CharactersIsTheLongestAllowed()
    {
        Assert.True(UserId.IsWellFormed(new string('a', 128)));
        Assert.False(UserId.IsWellFormed(new string('a', 129)));
    }

    [Theory]
    [InlineData("me")]
    [InlineData("ME")]
    [InlineData("Me")]
    public void MeInAnyCaseResolvesToTheCallersObjectIdInLowerCase(string me)
    {
        Assert.True(UserId.TryResolve(me, CallerOid, out var userId, out _));
        Assert.Equal(CallerOid.ToLowerInvariant(), userId);
    }

    [Fact]
    public void MeWithoutAnObjectIdClaimIsRejectedWithAReason()
    {
        Assert.False(UserId.TryResolve("me", null, out _, out var error));
        Assert.Contains("oid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AUserIdIsStoredInLowerCase()
    {
        Assert.True(UserId.TryResolve("Ada.Lovelace@Contoso.COM", CallerOid, out var userId, out _));
        Assert.Equal("ada.lovelace@contoso.com", userId);
    }

    [Fact]
    public void AMalformedUserIdIsRejectedWithTheRule()
    {
        Assert.False(UserId.TryResolve("a/b", CallerOid, out var userId, out var error));
        Assert.Null(userId);
        Assert.Contains("128", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnObjectIdThatIsNotWellFormedIsNotUsedForMe()
    {
        Assert.False(UserId.TryResolve("me", "not/valid", out _, out _));
    }
}
