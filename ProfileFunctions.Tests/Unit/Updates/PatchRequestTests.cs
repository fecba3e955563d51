using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Photos;

namespace ProfileFunctions.Tests.Unit.Updates;

/// <summary>What a PATCH request may carry beyond the merge rules: null dimensions, its media types, Prefer.</summary>
public sealed class PatchRequestTests
{
    private static readonly Guid CurrentId = Guid.Parse("1736e66d-e66d-1736-6de6-36176de63617");

    [Theory]
    [InlineData("""{"height":null}""", null, 40)]
    [InlineData("""{"width":null,"caption":"x"}""", 30, null)]
    public void APhotoPatchMayRemoveADimensionWithNull(string json, int? height, int? width)
    {
        Assert.True(PatchBodies.TryRead(System.Text.Encoding.UTF8.GetBytes(json), PhotoResource.Kind, CurrentId, out var patch, out var error), error);

        var patched = patch.ApplyTo("{}"u8, height: 30, width: 40, hasContent: false);

        Assert.Equal(PatchOutcome.Applied, patched.Outcome);
        Assert.Equal(height, patched.Height);
        Assert.Equal(width, patched.Width);
    }

    [Fact]
    public void ACreateStillRefusesANullDimension()
    {
        Assert.False(ResourceBodyParser.TryParse("""{"height":null}"""u8, PhotoResource.Kind, out _, out var error));
        Assert.Contains("'height' must be a JSON integer", error, StringComparison.Ordinal);
        Assert.True(ResourceBodyParser.TryParse("""{"height":null}"""u8, PhotoResource.Kind, out _, out _, forPatch: true));
        Assert.False(ResourceBodyParser.TryParse("""{"height":"1"}"""u8, PhotoResource.Kind, out _, out _, forPatch: true));
    }

    [Theory]
    [InlineData("application/merge-patch+json", true)]
    [InlineData("application/merge-patch+json; charset=utf-8", true)]
    [InlineData("APPLICATION/MERGE-PATCH+JSON", true)]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/merge-patch+json; charset=iso-8859-1", false)]
    [InlineData("application/json-patch+json", false)]
    [InlineData("text/plain", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void APatchIsMergePatchOrJsonInUtf8(string? contentType, bool accepted) =>
        Assert.Equal(accepted, PatchContentTypeRule.IsAccepted(contentType));

    [Theory]
    [InlineData("return=minimal", true)]
    [InlineData("RETURN=MINIMAL", true)]
    [InlineData("respond-async, return=minimal", true)]
    [InlineData("return=\"minimal\"; foo=bar", true)]
    [InlineData("return=representation", false)]
    [InlineData("minimal", false)]
    [InlineData("", false)]
    public void PreferReturnMinimalIsFoundAmongOtherPreferences(string prefer, bool minimal)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Prefer"] = prefer;

        Assert.Equal(minimal, ReturnPreference.IsMinimal(context.Request));
    }

    [Fact]
    public void NoPreferHeaderIsNotMinimal() => Assert.False(ReturnPreference.IsMinimal(new DefaultHttpContext().Request));
}
