using System.Text;
using System.Text.Json;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;

namespace ProfileFunctions.Tests.Unit.Updates;

public sealed class PatchDocumentTests
{
    private static readonly Guid CurrentId = Guid.Parse("1736e66d-e66d-1736-6de6-36176de63617");

    private static PatchDocument Valid(string patch, ResourceKind resource)
    {
        using var document = JsonDocument.Parse(patch);
        bool ok = PatchDocument.TryCreate(document.RootElement, resource, CurrentId, out var parsed, out var error);
        Assert.True(ok, error);
        return parsed!;
    }

    private static string Invalid(string patch, ResourceKind resource)
    {
        using var document = JsonDocument.Parse(patch);
        bool ok = PatchDocument.TryCreate(document.RootElement, resource, CurrentId, out var parsed, out var error);
        Assert.False(ok);
        Assert.Null(parsed);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    private static string Body(PatchedResource patched) => Encoding.UTF8.GetString(patched.Body!);

    [Theory]
    [InlineData("1736e66d-e66d-1736-6de6-36176de63617")]
    [InlineData("1736E66DE66D17366DE636176DE63617")]
    [InlineData("{1736e66d-e66d-1736-6de6-36176de63617}")]
    [InlineData("(1736E66D-E66D-1736-6DE6-36176DE63617)")]
    public void TheCurrentIdInAnyGuidFormatIsAccepted(string id)
    {
        var patch = Valid($$"""{"id":"{{id}}","x":1}""", PhotoResource.Kind);

        var patched = patch.ApplyTo("""{"y":2}"""u8, null, null, hasContent: false);

        Assert.Equal(PatchOutcome.Applied, patched.Outcome);
        Assert.Equal("""{"y":2,"x":1}""", Body(patched));
    }

    [Theory]
    [InlineData("\"00000000-0000-0000-0000-000000000001\"")]
    [InlineData("\"not a guid\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\" 1736e66d-e66d-1736-6de6-36176de63617\"")]
    public void AnyOtherIdIsRefusedNamingTheCurrentOne(string id)
    {
        string error = Invalid($$"""{"id":{{id}}}""", ProfileResource.Kind);

        Assert.Contains("'id' cannot be changed", error, StringComparison.Ordinal);
        Assert.Contains("1736e66d-e66d-1736-6de6-36176de63617", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto")]
    [InlineData("microsoft.fast.pi.viewgenerator.v2.profile.models.PROFILEPHOTO")]
    public void TheCurrentODataTypeWithOrWithoutHashInAnyCaseIsAccepted(string type)
    {
        var patch = Valid($$"""{"@odata.type":"{{type}}"}""", PhotoResource.Kind);

        Assert.Equal("{}", Body(patch.ApplyTo("{}"u8, null, null, hasContent: false)));
    }

    [Theory]
    [InlineData("\"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile\"")]
    [InlineData("\"##Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public void AnyOtherODataTypeIsRefusedNamingTheRightOne(string type)
    {
        string error = Invalid($$"""{"@odata.type":{{type}}}""", PhotoResource.Kind);

        Assert.Contains("'@odata.type' cannot be changed", error, StringComparison.Ordinal);
        Assert.Contains(PhotoResource.Kind.ODataType, error, StringComparison.Ordinal);
    }

    [Fact]
    public void APhotosDimensionsAreSetAndRemovedApartFromTheBody()
    {
        var patch = Valid("""{"height":1,"width":null,"caption":"x"}""", PhotoResource.Kind);

        var patched = patch.ApplyTo("{}"u8, height: 300, width: 400, hasContent: false);

        Assert.Equal(PatchOutcome.Applied, patched.Outcome);
        Assert.Equal(1, patched.Height);
        Assert.Null(patched.Width);
        Assert.Equal("""{"caption":"x"}""", Body(patched));
    }

    [Fact]
    public void DimensionsThePatchDoesNotNameStayAsTheyWere()
    {
        var patched = Valid("""{"width":10000}""", PhotoResource.Kind).ApplyTo("{}"u8, height: 300, width: 400, hasContent: false);

        Assert.Equal(300, patched.Height);
        Assert.Equal(10_000, patched.Width);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("\"100\"")]
    [InlineData("true")]
    [InlineData("99999999999")]
    public void ADimensionThatIsNotAnIntegerFromOneToTenThousandIsRefused(string value)
    {
        string error = Invalid($$"""{"height":{{value}}}""", PhotoResource.Kind);

        Assert.Contains("'height' must be a JSON integer from 1 to 10,000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfilesHeightAndWidthAreOrdinaryMembers()
    {
        var patched = Valid("""{"height":"tall","width":null}""", ProfileResource.Kind).ApplyTo("""{"width":3}"""u8, null, null, hasContent: false);

        Assert.Equal("""{"height":"tall"}""", Body(patched));
        Assert.Null(patched.Height);
    }

    [Theory]
    [InlineData("""{"height":5}""")]
    [InlineData("""{"width":null}""")]
    public void DimensionsOfAPhotoWithContentAreRefused(string patch)
    {
        var patched = Valid(patch, PhotoResource.Kind).ApplyTo("""{"a":1}"""u8, height: 30, width: 40, hasContent: true);

        Assert.Equal(PatchOutcome.DimensionsFromContent, patched.Outcome);
        Assert.Null(patched.Body);
        Assert.Contains("come from the image", patched.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherMembersOfAPhotoWithContentCanStillBeChanged()
    {
        var patched = Valid("""{"caption":"new"}""", PhotoResource.Kind).ApplyTo("""{"caption":"old"}"""u8, height: 30, width: 40, hasContent: true);

        Assert.Equal(PatchOutcome.Applied, patched.Outcome);
        Assert.Equal("""{"caption":"new"}""", Body(patched));
        Assert.Equal(30, patched.Height);
    }

    [Fact]
    public void AMergedBodyOfExactlyTheLimitIsStoredAndOneByteMoreIsTooLarge()
    {
        // {"a":"…"} is 8 bytes around the string's characters.
        string fits = new('x', PatchDocument.MaxBodyBytes - 8);
        string over = new('x', PatchDocument.MaxBodyBytes - 7);

        var atLimit = Valid($$"""{"a":"{{fits}}"}""", ProfileResource.Kind).ApplyTo("{}"u8, null, null, hasContent: false);
        var tooLarge = Valid($$"""{"a":"{{over}}"}""", ProfileResource.Kind).ApplyTo("{}"u8, null, null, hasContent: false);

        Assert.Equal(PatchOutcome.Applied, atLimit.Outcome);
        Assert.Equal(PatchDocument.MaxBodyBytes, atLimit.Body!.Length);
        Assert.Equal(PatchOutcome.TooLarge, tooLarge.Outcome);
        Assert.Null(tooLarge.Body);
        Assert.Contains("65,537 bytes", tooLarge.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePatchCanBeAppliedAgainToANewerVersionAfterItsJsonDocumentIsGone()
    {
        PatchDocument patch;
        using (var document = JsonDocument.Parse("""{"b":2}"""))
        {
            Assert.True(PatchDocument.TryCreate(document.RootElement, ProfileResource.Kind, CurrentId, out patch!, out _));
        }

        Assert.Equal("""{"a":1,"b":2}""", Body(patch.ApplyTo("""{"a":1}"""u8, null, null, hasContent: false)));
        Assert.Equal("""{"a":9,"b":2}""", Body(patch.ApplyTo("""{"a":9,"b":1}"""u8, null, null, hasContent: false)));
    }

    [Fact]
    public void APatchThatIsNotAnObjectIsRefused() =>
        Assert.Contains("single JSON object", Invalid("[1]", ProfileResource.Kind), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "more than once")]
    [InlineData("", "empty")]
    [InlineData("""{"a":1} x""", "not valid JSON")]
    public void ReadingABodyAppliesTheCreatesRules(string json, string expected)
    {
        bool ok = PatchBodies.TryRead(Encoding.UTF8.GetBytes(json), ProfileResource.Kind, CurrentId, out var patch, out var error);

        Assert.False(ok);
        Assert.Null(patch);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingABodyThenAppliesThePatchRules()
    {
        Assert.False(PatchBodies.TryRead("""{"id":"00000000-0000-0000-0000-000000000001"}"""u8, ProfileResource.Kind, CurrentId, out _, out var error));
        Assert.Contains("'id' cannot be changed", error, StringComparison.Ordinal);

        Assert.True(PatchBodies.TryRead("""{"x":null}"""u8, ProfileResource.Kind, CurrentId, out var patch, out _));
        Assert.Equal("{}", Body(patch.ApplyTo("""{"x":1}"""u8, null, null, hasContent: false)));
    }
}
