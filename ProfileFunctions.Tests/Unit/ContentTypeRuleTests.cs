


using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit;

public sealed class ContentTypeRuleTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; Charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json;charset=utf8")]
    [InlineData("application/json; odata.metadata=minimal")]
    public void JsonWithUtf8OrNoCharsetIsAccepted(string contentType) => Assert.True(ContentTypeRule.IsJson(contentType));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("text/json")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/jsonx")]
    [InlineData("not a media type")]
    public void AnythingElseIsRejected(string? contentType) => Assert.False(ContentTypeRule.IsJson(contentType));
}
