using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit;

public sealed class RepeatableRequestTests
{
    private static HeaderDictionary Headers(string? key, string? firstSent)
    {
        var headers = new HeaderDictionary();
        if (key is not null)
        {
            headers["Repeatability-Request-ID"] = key;
        }

        if (firstSent is not null)
        {
            headers["Repeatability-First-Sent"] = firstSent;
        }

        return headers;
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A-Z_a.z:0-9")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public void KeysOfTheAllowedCharactersAreKeys(string key) => Assert.True(RepeatableRequest.IsKey(key));

    [Theory]
    [InlineData("")]
    [InlineData(" k")]
    [InlineData("k ")]
    [InlineData("k/1")]
    [InlineData("k,1")]
    [InlineData("é")]
    [InlineData("k\t")]
    public void OtherKeysAreNot(string key) => Assert.False(RepeatableRequest.IsKey(key));

    [Fact]
    public void AKeyIsAtMost64Characters()
    {
        Assert.True(RepeatableRequest.IsKey(new string('k', 64)));
        Assert.False(RepeatableRequest.IsKey(new string('k', 65)));
    }

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")] // IMF-fixdate
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")] // obsolete RFC 850
    [InlineData("Sun Nov  6 08:49:37 1994")] // obsolete asctime, one-digit day
    [InlineData("Wed Nov 16 08:49:37 1994")] // asctime, two-digit day
    [InlineData("Tue, 01 Dec 2026 23:59:59 GMT")]
    public void TheThreeFormsOfHttpDateAreAccepted(string date) => Assert.True(RepeatableRequest.IsHttpDate(date));

    [Theory]
    [InlineData("")]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("sun, 06 nov 1994 08:49:37 gmt")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData("Mon, 06 Nov 1994 08:49:37 GMT")] // the wrong weekday
    [InlineData(" Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT ")]
    [InlineData("Sun, 06 Nov 1994 8:49:37 GMT")]
    [InlineData("Sun Nov 6 08:49:37 1994")]
    [InlineData("Wed Nov  16 08:49:37 1994")] // asctime pads only a one-digit day with a space
    [InlineData("Sun, 06-Nov-94 08:49:37 GMT")]
    [InlineData("1994-11-06T08:49:37Z")]
    [InlineData("784111777")]
    public void AnythingElseIsNotAnHttpDate(string date) => Assert.False(RepeatableRequest.IsHttpDate(date));

    [Fact]
    public void NoHeadersIsNoKeyAndNoError()
    {
        Assert.True(RepeatableRequest.TryRead(Headers(null, null), out var request, out var error));
        Assert.Null(request);
        Assert.Null(error);
    }

    [Fact]
    public void AKeyWithOrWithoutFirstSentIsRead()
    {
        Assert.True(RepeatableRequest.TryRead(Headers("k", null), out var keyed, out _));
        Assert.Equal("k", keyed?.Key);
        Assert.True(RepeatableRequest.TryRead(Headers("k", "Sun, 06 Nov 1994 08:49:37 GMT"), out var both, out _));
        Assert.Equal("k", both?.Key);
    }

    [Theory]
    [InlineData(null, "Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("", null)]
    [InlineData("k", "")]
    [InlineData("k", "not a date")]
    public void MalformedEmptyOrFirstSentAloneAreErrors(string? key, string? firstSent)
    {
        Assert.False(RepeatableRequest.TryRead(Headers(key, firstSent), out var request, out var error));
        Assert.Null(request);
        Assert.Contains("Repeatability-", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoKeysAreAnError()
    {
        var headers = new HeaderDictionary { ["Repeatability-Request-ID"] = new StringValues(["a", "b"]) };
        Assert.False(RepeatableRequest.TryRead(headers, out _, out _));
    }

    [Fact]
    public void AKeyedPhotosIdDependsOnTheUserTheCallerAndTheKeyAlone()
    {
        var request = new RepeatableRequest("k");
        var id = request.PhotoId("user", "caller");

        Assert.Equal(id, new RepeatableRequest("k").PhotoId("user", "caller"));
        Assert.NotEqual(id, request.PhotoId("user2", "caller"));
        Assert.NotEqual(id, request.PhotoId("user", "caller2"));
        Assert.NotEqual(id, new RepeatableRequest("k2").PhotoId("user", "caller"));
        Assert.Equal(5, id.Version);
    }
}
