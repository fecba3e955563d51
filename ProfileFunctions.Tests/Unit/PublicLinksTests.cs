using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Tests.Unit;

public sealed class PublicLinksTests
{
    private static string? Failure(string? value) => new PublicLinkSettingsValidator().Validate(null, new PublicLinkSettings { PublicBaseUrl = value }).FailureMessage;

    private static string Link(string? publicBase, string scheme, string host, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.Headers["X-Forwarded-Host"] = "evil.example.com";
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["Forwarded"] = "host=evil.example.com;proto=https";
        return new PublicLinks(Options.Create(new PublicLinkSettings { PublicBaseUrl = publicBase })).For(context.Request, path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://profiles.contoso.com")]
    [InlineData("https://profiles.contoso.com/")]
    [InlineData("https://contoso.com/api/profiles/")]
    [InlineData("http://127.0.0.1:7071")]
    public void AnAbsoluteHttpBaseOrNoneIsValid(string? value) => Assert.Null(Failure(value));

    [Theory]
    [InlineData("profiles.contoso.com")]
    [InlineData("/api")]
    [InlineData("ftp://profiles.contoso.com")]
    [InlineData("https://profiles.contoso.com/?a=1")]
    [InlineData("https://profiles.contoso.com/#top")]
    [InlineData("https://user:secret@profiles.contoso.com")]
    [InlineData(" ")]
    public void AnythingElseIsNamedAtStartUp(string value) => Assert.Contains("ProfileApi__PublicBaseUrl", Failure(value), StringComparison.Ordinal);

    [Theory]
    [InlineData(null, "http", "127.0.0.1:7071", "http://127.0.0.1:7071/user/ada/profile")]
    [InlineData(null, "https", "profiles.contoso.com", "https://profiles.contoso.com/user/ada/profile")]
    [InlineData("https://contoso.com/api/", "http", "10.0.0.4", "https://contoso.com/api/user/ada/profile")]
    [InlineData("https://contoso.com", "http", "10.0.0.4", "https://contoso.com/user/ada/profile")]
    public void LinksAreOnTheSettingElseOnTheRequestsSchemeAndHostNeverOnForwardedHeaders(string? publicBase, string scheme, string host, string expected) =>
        Assert.Equal(expected, Link(publicBase, scheme, host, "/user/ada/profile"));
}
