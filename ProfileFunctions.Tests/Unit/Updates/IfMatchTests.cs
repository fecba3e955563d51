using Microsoft.Extensions.Primitives;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit.Updates;

public sealed class IfMatchTests
{
    // The form Table Storage gives: weak, with a quoted datetime inside.
    private const string Stored = "W/\"datetime'2025-01-02T03%3A04%3A05.6789012Z'\"";
    private const string StoredStrongForm = "\"datetime'2025-01-02T03%3A04%3A05.6789012Z'\"";
    private const string Other = "W/\"datetime'2025-01-02T03%3A04%3A05.6789013Z'\"";

    private static IfMatch Parse(StringValues header)
    {
        Assert.True(IfMatch.TryParse(header, out var ifMatch, out var error), error);
        return ifMatch!;
    }

    [Fact]
    public void NoHeaderIsNoPrecondition()
    {
        Assert.True(IfMatch.TryParse(StringValues.Empty, out var ifMatch, out var error));
        Assert.Null(ifMatch);
        Assert.Null(error);
    }

    [Fact]
    public void AStarMatchesAnyVersion()
    {
        var ifMatch = Parse("*");

        Assert.True(ifMatch.IsAny);
        Assert.True(ifMatch.Matches(Stored));
        Assert.True(ifMatch.Matches(Other));
    }

    [Theory]
    [InlineData(Stored)]
    [InlineData(StoredStrongForm)]
    public void TheStoredTagMatchesWeakOrStrong(string header)
    {
        var ifMatch = Parse(header);

        Assert.False(ifMatch.IsAny);
        Assert.True(ifMatch.Matches(Stored));
    }

    [Fact]
    public void AStrongStoredTagMatchesItsWeakForm() =>
        Assert.True(Parse(Stored).Matches(StoredStrongForm));

    [Fact]
    public void AnotherTagDoesNotMatch() =>
        Assert.False(Parse(Other).Matches(Stored));

    [Theory]
    [InlineData(Other + ", " + Stored)]
    [InlineData(Other + "," + StoredStrongForm + ", \"x\"")]
    public void ATagAnywhereInAListMatches(string header) =>
        Assert.True(Parse(header).Matches(Stored));

    [Fact]
    public void TagsOverSeveralHeaderLinesAreOneList() =>
        Assert.True(Parse(new StringValues([Other, Stored])).Matches(Stored));

    [Fact]
    public void AListWithoutTheStoredTagDoesNotMatch() =>
        Assert.False(Parse(Other + ", \"a\", W/\"b\"").Matches(Stored));

    [Theory]
    [InlineData("datetime'2025'")]
    [InlineData("W/datetime")]
    [InlineData("\"unterminated")]
    [InlineData("\"a\" junk")]
    [InlineData("\"a\",, junk")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("*, \"a\"")]
    public void AMalformedHeaderIsRefusedWithAMessage(string header)
    {
        Assert.False(IfMatch.TryParse(header, out var ifMatch, out var error));
        Assert.Null(ifMatch);
        Assert.Contains("If-Match", error, StringComparison.Ordinal);
    }
}
