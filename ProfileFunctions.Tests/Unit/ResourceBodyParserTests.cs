using System.Text;
using System.Text.Json;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;

namespace ProfileFunctions.Tests.Unit;

public sealed class ResourceBodyParserTests
{
    private static ParsedResource Valid(string json, ResourceKind? resource = null) => Valid(Encoding.UTF8.GetBytes(json), resource);

    private static ParsedResource Valid(byte[] json, ResourceKind? resource = null)
    {
        bool ok = ResourceBodyParser.TryParse(json, resource ?? ProfileResource.Kind, out var parsed, out var error);
        Assert.True(ok, error);
        return parsed!;
    }

    private static string Invalid(string json, ResourceKind? resource = null) => Invalid(Encoding.UTF8.GetBytes(json), resource);

    private static string Invalid(byte[] json, ResourceKind? resource = null)
    {
        bool ok = ResourceBodyParser.TryParse(json, resource ?? ProfileResource.Kind, out var parsed, out var error);
        Assert.False(ok);
        Assert.Null(parsed);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    private static string Body(ParsedResource parsed) => Encoding.UTF8.GetString(parsed.Body);

    private static string Nested(int levels) => new string('[', levels - 1) + new string(']', levels - 1);

    [Fact]
    public void AnEmptyObjectIsValidAndKeepsNothing()
    {
        var parsed = Valid("{}");
        Assert.Null(parsed.Id);
        Assert.Equal("{}", Body(parsed));
    }

    [Fact]
    public void OtherMembersAreKeptAsTheExactBytesSent()
    {
        string json = """{ "n" : 1.50000000000000000001, "big":123456789012345678901234567890,"e":1E+400, "s":"caf\u00e9 é 😀", "o":{"a":[1,{"b":null}],"t":true} }""";

        var parsed = Valid(json);

        Assert.Equal("""{"n" : 1.50000000000000000001,"big":123456789012345678901234567890,"e":1E+400,"s":"caf\u00e9 é 😀","o":{"a":[1,{"b":null}],"t":true}}""", Body(parsed));
    }

    [Fact]
    public void OdataTypeAndIdAreNotKeptInTheBody()
    {
        var parsed = Valid("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile","x":1,"id":"1736e66d-e66d-1736-6de6-36176de63617"}""");
        Assert.Equal("""{"x":1}""", Body(parsed));
        Assert.Equal(Guid.Parse("1736e66d-e66d-1736-6de6-36176de63617"), parsed.Id);
    }

    [Theory]
    [InlineData("#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile")]
    [InlineData("Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile")]
    [InlineData("#microsoft.fast.pi.viewgenerator.v2.profile.models.PROFILE")]
    public void TheProfileTypeIsMatchedIgnoringCaseWithOrWithoutHash(string odataType) =>
        Valid($$"""{"@odata.type":"{{odataType}}"}""");

    [Theory]
    [InlineData("\"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto\"")]
    [InlineData("\"##Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile\"")]
    [InlineData("\"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile \"")]
    [InlineData("\"profile\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("{}")]
    public void AnyOtherOdataTypeIsRejected(string value) =>
        Assert.Contains("@odata.type", Invalid($$"""{"@odata.type":{{value}}}"""), StringComparison.Ordinal);

    [Fact]
    public void APhotoHasItsOwnOdataType()
    {
        Valid("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto"}""", PhotoResource.Kind);
        Invalid("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile"}""", PhotoResource.Kind);
    }

    [Theory]
    [InlineData("1736e66d-e66d-1736-6de6-36176de63617")]
    [InlineData("1736E66DE66D17366DE636176DE63617")]
    [InlineData("{1736e66d-e66d-1736-6de6-36176de63617}")]
    [InlineData("(1736e66d-e66d-1736-6de6-36176de63617)")]
    public void AnIdIsAcceptedInEveryDotNetFormat(string id) =>
        Assert.Equal(Guid.Parse("1736e66d-e66d-1736-6de6-36176de63617"), Valid($$"""{"id":"{{id}}"}""").Id);

    [Theory]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("\"{0x1736e66d,0xe66d,0x1736,{0x6d,0xe6,0x36,0x17,0x6d,0xe6,0x36,0x17}}\"")]
    [InlineData("\"1736e66d-e66d-1736-6de6-36176de6361\"")]
    [InlineData("\" 1736e66d-e66d-1736-6de6-36176de63617\"")]
    [InlineData("\"not-a-guid\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("[]")]
    public void AnIdThatIsNotANonNilGuidStringIsRejected(string value) =>
        Assert.Contains("'id'", Invalid($$"""{"id":{{value}}}"""), StringComparison.Ordinal);

    [Fact]
    public void PhotoDimensionsAreTypedAndNotKeptInTheBody()
    {
        var parsed = Valid("""{"height":1,"width":10000,"caption":"x"}""", PhotoResource.Kind);
        Assert.Equal(1, parsed.Height);
        Assert.Equal(10000, parsed.Width);
        Assert.Equal("""{"caption":"x"}""", Body(parsed));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("1E2")]
    [InlineData("\"10\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("99999999999999999999")]
    public void PhotoDimensionsOutsideOneToTenThousandOrNotIntegersAreRejected(string value)
    {
        Assert.Contains("'height'", Invalid($$"""{"height":{{value}}}""", PhotoResource.Kind), StringComparison.Ordinal);
        Assert.Contains("'width'", Invalid($$"""{"width":{{value}}}""", PhotoResource.Kind), StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileKeepsHeightAndWidthAsOrdinaryMembers()
    {
        var parsed = Valid("""{"height":"tall","width":1.5}""");
        Assert.Null(parsed.Height);
        Assert.Equal("""{"height":"tall","width":1.5}""", Body(parsed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{} {}")]
    [InlineData("{}x")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1 /* comment */}")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":NaN}")]
    [InlineData("{\"a\"}")]
    [InlineData("{\"a\":1")]
    [InlineData("\uFEFF{}")]
    public void AnythingButOneJsonObjectIsRejected(string json) => Invalid(json);

    [Fact]
    public void WhitespaceAroundTheObjectIsAllowed() => Valid(" \r\n\t{\"a\":1}\n ");

    [Fact]
    public void InvalidUtf8IsRejected() =>
        Assert.Contains("UTF-8", Invalid([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']), StringComparison.Ordinal);

    [Fact]
    public void InvalidUtf8InAPropertyNameIsRejected() =>
        Invalid([(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"a\":\"\\udc00x\"}")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("{\"o\":{\"k\":[\"\\ud83d\"]}}")]
    public void EscapedLoneSurrogatesAreRejected(string json) => Invalid(json);

    [Fact]
    public void AnEscapedSurrogatePairIsValid() => Valid("{\"a\":\"\\ud83d\\ude00\"}");

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"o\":{\"x\":1,\"x\":2}}")]
    [InlineData("{\"o\":[{\"x\":1,\"\\u0078\":2}]}")]
    [InlineData("{\"id\":\"1736e66d-e66d-1736-6de6-36176de63617\",\"id\":\"1736e66d-e66d-1736-6de6-36176de63617\"}")]
    public void DuplicateNamesAtAnyDepthAreRejectedAfterUnescaping(string json) =>
        Assert.Contains("more than once", Invalid(json), StringComparison.Ordinal);

    [Fact]
    public void TheSameNameInDifferentObjectsIsNotADuplicate() => Valid("{\"x\":{\"x\":{\"x\":1}},\"y\":[{\"x\":1},{\"x\":2}]}");

    [Fact]
    public void NamesDifferingOnlyInCaseAreDistinct() => Valid("{\"a\":1,\"A\":2}");

    [Fact]
    public void NestingOf32LevelsIsAllowed()
    {
        // The root object is level 1; 31 arrays inside it make 32.
        Valid($$"""{"a":{{Nested(32)}}}""");
    }

    [Fact]
    public void NestingOf33LevelsIsRejected() =>
        Assert.Contains("32", Invalid($$"""{"a":{{Nested(33)}}}"""), StringComparison.Ordinal);

    [Fact]
    public void DeepNestingFarBeyondTheLimitIsRejectedNotThrown() =>
        Invalid($$"""{"a":{{Nested(5000)}}}""");

    [Fact]
    public void TheKeptBodyIsNeverLargerThanTheRequest()
    {
        string json = "{ \"id\" : \"1736e66d-e66d-1736-6de6-36176de63617\" , \"a\" : \"" + new string('x', 60_000) + "\" , \"b\" : [ 1 , 2 ] }";
        var parsed = Valid(json);
        Assert.True(parsed.Body.Length < Encoding.UTF8.GetByteCount(json));
        using var document = JsonDocument.Parse(parsed.Body);
        Assert.Equal(2, document.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public void AMessageNamingADuplicateCutsLongNamesShort()
    {
        string name = new('n', 10_000);
        Assert.True(Invalid($$"""{"{{name}}":1,"{{name}}":2}""").Length < 300);
    }
}
