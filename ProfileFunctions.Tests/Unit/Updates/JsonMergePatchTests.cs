using System.Text;
using System.Text.Json;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit.Updates;

public sealed class JsonMergePatchTests
{
    private static string Merge(string target, string patch) =>
        Encoding.UTF8.GetString(JsonMergePatch.Apply(Encoding.UTF8.GetBytes(target), Encoding.UTF8.GetBytes(patch)));

    private static string MergeBody(string body, string patch)
    {
        using var document = JsonDocument.Parse(patch);
        return Encoding.UTF8.GetString(JsonMergePatch.Apply(Encoding.UTF8.GetBytes(body), document.RootElement.EnumerateObject()));
    }

    // Compared as JSON values, because RFC 7396 says nothing about member order or white space.
    private static void AssertSameJson(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(e.RootElement, a.RootElement), $"expected {expected}, got {actual}");
    }

    // RFC 7396, Appendix A, every row: original, patch, result.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void EveryExampleOfRfc7396AppendixAGivesItsResult(string original, string patch, string result) =>
        AssertSameJson(result, Merge(original, patch));

    [Fact]
    public void UntouchedValuesKeepEveryByteTheyWereStoredWith()
    {
        string body = """{"n":1.50000000000000000001,"big":123456789012345678901234567890,"e":1E+400,"s":"caf\u00e9 \"q\"","o":{ "x" : [1, 2.0] },"gone":1}""";

        string merged = MergeBody(body, """{"gone":null,"added":true}""");

        Assert.Equal("""{"n":1.50000000000000000001,"big":123456789012345678901234567890,"e":1E+400,"s":"caf\u00e9 \"q\"","o":{ "x" : [1, 2.0] },"added":true}""", merged);
    }

    [Fact]
    public void ValuesThePatchBringsKeepEveryByteTheClientSent()
    {
        string merged = MergeBody("""{"n":1}""", """{"n":0.10000000000000000000000001,"s":"\u00e9\ud83d\ude00","a":[1E2,null]}""");

        Assert.Equal("""{"n":0.10000000000000000000000001,"s":"\u00e9\ud83d\ude00","a":[1E2,null]}""", merged);
    }

    [Fact]
    public void AnObjectMergesIntoAnObjectAtEveryDepth()
    {
        string merged = MergeBody(
            """{"a":{"b":{"c":1,"d":2},"e":3},"f":4}""",
            """{"a":{"b":{"c":null,"x":{"y":null,"z":5}},"e":{"g":6}}}""");

        Assert.Equal("""{"a":{"b":{"d":2,"x":{"z":5}},"e":{"g":6}},"f":4}""", merged);
    }

    [Fact]
    public void AnEscapedNameIsTheSameMemberAsItsPlainForm()
    {
        string merged = MergeBody("""{"a":1,"b":2}""", """{"\u0061":null,"b":3}""");

        Assert.Equal("""{"b":3}""", merged);
    }

    [Fact]
    public void AnEmptyPatchLeavesTheBodyAsItWas() =>
        Assert.Equal("""{"a":[1,2],"b":"c"}""", MergeBody("""{"a":[1,2],"b":"c"}""", "{}"));

    [Fact]
    public void RemovingTheLastMemberLeavesAnEmptyObject() =>
        Assert.Equal("{}", MergeBody("""{"a":1}""", """{"a":null}"""));
}
