using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Photos;

namespace ProfileFunctions.Tests.Unit;

/// <summary>A photo with content: its entity's content columns, and the media annotations its resource carries.</summary>
public sealed class PhotoMediaTests
{
    private const string ContentETag = "\"0x8DD1234567890AB\"";

    private static PhotoEntity Photo(string? contentETag) => PhotoEntity.FromTableEntity(new TableEntity("user", "1736e66d-e66d-1736-6de6-36176de63617")
    {
        ["Id"] = "1736e66d-e66d-1736-6de6-36176de63617",
        ["Body"] = """{"caption":"lake"}"""u8.ToArray(),
        ["CreatedBy"] = "user",
        ["CreatedDateTime"] = DateTimeOffset.UnixEpoch,
        ["Height"] = 30,
        ["Width"] = 40,
        ["ContentType"] = contentETag is null ? null : "image/png",
        ["ContentLength"] = contentETag is null ? null : 1234L,
        ["ContentETag"] = contentETag,
    });

    [Fact]
    public void APhotoWithContentCarriesItsMediaTypeAndTheContentsETagExactlyAsTheHeader()
    {
        string json = Encoding.UTF8.GetString(PhotoResource.Json(Photo(ContentETag)));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("image/png", document.RootElement.GetProperty("@odata.mediaContentType").GetString());
        Assert.Equal(ContentETag, document.RootElement.GetProperty("@odata.mediaEtag").GetString());
        Assert.Contains("""
            "@odata.mediaEtag":"\"0x8DD1234567890AB\""
            """, json, StringComparison.Ordinal);
        Assert.Equal("lake", document.RootElement.GetProperty("caption").GetString());
    }

    [Fact]
    public void APhotoWithoutContentHasNoMediaAnnotations() =>
        Assert.DoesNotContain("@odata.media", Encoding.UTF8.GetString(PhotoResource.Json(Photo(null))), StringComparison.Ordinal);

    [Fact]
    public void TheContentColumnsSurviveTheEntitysRoundTripWithTheirTypes()
    {
        var row = Photo(ContentETag).ToTableEntity();

        Assert.Equal("image/png", row["ContentType"]);
        Assert.Equal(1234L, Assert.IsType<long>(row["ContentLength"]));
        Assert.Equal(ContentETag, row["ContentETag"]);
        Assert.False(Photo(null).ToTableEntity().ContainsKey("ContentETag"));
    }

    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData("IMAGE/JPEG; q=1", "IMAGE/JPEG")]
    [InlineData("image/webp ; name=\"a b\"", "image/webp")]
    [InlineData("image", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TheDeclaredContentTypeIsReadAsItsBareMediaType(string? header, string? mediaType) =>
        Assert.Equal(mediaType, ContentTypeRule.MediaTypeOf(header));
}
