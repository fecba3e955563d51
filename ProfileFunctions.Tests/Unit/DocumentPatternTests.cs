using System.Text.RegularExpressions;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.LocalHost.OpenApi;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// The document's patterns run as a JSON Schema validator runs them (ECMA-262 syntax: RegexOptions.ECMAScript), against
/// the inputs the API's own parsers decide on: a pattern admits what the API accepts and refuses what it refuses.
/// </summary>
public sealed class DocumentPatternTests
{
    private const string D = "1736e66d-e66d-1736-6de6-36176de63617";
    private const string Nil = "00000000-0000-0000-0000-000000000000";

    private static readonly Regex Guid = new(ResourceSchemas.GuidPattern, RegexOptions.ECMAScript);
    private static readonly Regex HttpDate = new(HeaderSchemas.HttpDatePattern, RegexOptions.ECMAScript);

    [Theory]
    [InlineData(D)]
    [InlineData("1736E66D-E66D-1736-6DE6-36176DE63617")]
    [InlineData("1736e66D-E66d-1736-6De6-36176dE63617")]
    [InlineData("1736e66de66d17366de636176de63617")]
    [InlineData("1736E66DE66D17366DE636176DE63617")]
    [InlineData("{" + D + "}")]
    [InlineData("(" + D + ")")]
    [InlineData("{1736E66D-E66D-1736-6DE6-36176DE63617}")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("10000000000000000000000000000000")]
    public void TheGuidPatternAdmitsEveryFormTheApiAccepts(string id)
    {
        Assert.Matches(Guid, id);
        Assert.True(ResourceId.TryParse(id, out _));
    }

    [Theory]
    [InlineData(Nil)]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("{" + Nil + "}")]
    [InlineData("(" + Nil + ")")]
    [InlineData(" " + D)]
    [InlineData(D + " ")]
    [InlineData("\t" + D)]
    [InlineData("\n" + D)]
    [InlineData("1736e66d-e66d-1736-6de6-36176de6361")]
    [InlineData("1736e66d-e66d-1736-6de6-36176de636170")]
    [InlineData("1736e66de66d17366de636176de6361")]
    [InlineData("1736e66de66d17366de636176de636170")]
    [InlineData("{" + D + ")")]
    [InlineData("(" + D + "}")]
    [InlineData("{" + D)]
    [InlineData("{1736e66de66d17366de636176de63617}")]
    [InlineData("1736e66d-e66d-1736-6de6-36176de6361g")]
    [InlineData("1736e66de66d-1736-6de6-36176de63617")]
    [InlineData("{0x1736e66d,0xe66d,0x1736,{0x6d,0xe6,0x36,0x17,0x6d,0xe6,0x36,0x17}}")]
    [InlineData("")]
    public void TheGuidPatternRefusesWhatTheApiRefuses(string id)
    {
        Assert.DoesNotMatch(Guid, id);
        Assert.False(ResourceId.TryParse(id, out _));
    }

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994")]
    [InlineData("Wed Nov 16 08:49:37 1994")]
    [InlineData("Sun Nov 06 08:49:37 1994")]
    [InlineData("Tue, 01 Dec 2026 23:59:59 GMT")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public void TheHttpDatePatternAdmitsEveryFormTheApiAccepts(string date)
    {
        Assert.Matches(HttpDate, date);
        Assert.True(RepeatableRequest.IsHttpDate(date));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("sun, 06 nov 1994 08:49:37 gmt")]
    [InlineData("Sun, 06 NOV 1994 08:49:37 GMT")]
    [InlineData("SUNDAY, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData(" Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT ")]
    [InlineData("Sun, 06 Nov 1994 8:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 24:00:00 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:60:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:60 GMT")]
    [InlineData("Sun, 00 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 32 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun Nov 6 08:49:37 1994")]
    [InlineData("Sun Nov  06 08:49:37 1994")]
    [InlineData("Wed Nov  16 08:49:37 1994")]
    [InlineData("Sun, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sunday, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994 GMT")]
    [InlineData("1994-11-06T08:49:37Z")]
    [InlineData("784111777")]
    public void TheHttpDatePatternRefusesWhatTheApiRefuses(string date)
    {
        Assert.DoesNotMatch(HttpDate, date);
        Assert.False(RepeatableRequest.IsHttpDate(date));
    }

    // What no pattern can see, the header's description says: the date must exist and its day name be its own.
    [Theory]
    [InlineData("Mon, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 31 Nov 1994 08:49:37 GMT")]
    [InlineData("Sat, 29 Feb 1995 08:49:37 GMT")]
    public void OnlyTheDescriptionSaysThatTheDateMustExistWithItsOwnDayName(string date)
    {
        Assert.Matches(HttpDate, date);
        Assert.False(RepeatableRequest.IsHttpDate(date));
    }
}
