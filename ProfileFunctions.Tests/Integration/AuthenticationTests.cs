using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class AuthenticationTests(ApiFixture api)
{
    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        await GraphError.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostProfileAsync(string user, string? token) => api.PostAsync(Paths.Profile(user), token, "{}");

    private Task<HttpResponseMessage> PostWithAsync(TokenRequest request) =>
        PostProfileAsync(request.ObjectId!, api.Token(request));

    [Fact]
    public async Task ARequestWithoutATokenIsUnauthorized() => await AssertUnauthorizedAsync(await PostProfileAsync(Paths.NewUser(), token: null));

    [Theory]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Negotiate abc")]
    public async Task AnotherSchemeOrAMalformedTokenIsUnauthorized(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Profile(Paths.NewUser())) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        await AssertUnauthorizedAsync(await api.Client.SendAsync(request, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnExpiredTokenIsUnauthorizedAndSaysSo()
    {
        var response = await PostWithAsync(new TokenRequest { NotBefore = DateTime.UtcNow.AddHours(-2), Expires = DateTime.UtcNow.AddMinutes(-6) });

        var error = await GraphError.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        Assert.Contains("expired", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenExpiredWithinTheFiveMinuteClockSkewIsAccepted() =>
        Assert.Equal(HttpStatusCode.Created, (await PostWithAsync(new TokenRequest { NotBefore = DateTime.UtcNow.AddHours(-1), Expires = DateTime.UtcNow.AddMinutes(-4) })).StatusCode);

    [Fact]
    public async Task ATokenNotYetValidIsUnauthorized() =>
        await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { NotBefore = DateTime.UtcNow.AddMinutes(6), Expires = DateTime.UtcNow.AddHours(1) }));

    [Fact]
    public async Task ATokenValidWithinTheClockSkewFromNowIsAccepted() =>
        Assert.Equal(HttpStatusCode.Created, (await PostWithAsync(new TokenRequest { NotBefore = DateTime.UtcNow.AddMinutes(4), Expires = DateTime.UtcNow.AddHours(1) })).StatusCode);

    [Theory]
    [InlineData("api://some-other-api")]
    [InlineData("https://graph.microsoft.com")]
    [InlineData("00000003-0000-0000-c000-000000000000")]
    public async Task ATokenForAnotherAudienceIsUnauthorized(string audience) =>
        await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { Audience = audience }));

    [Theory]
    [InlineData("2.0", TestIssuer.ClientId)]
    [InlineData("2.0", "api://" + TestIssuer.ClientId)]
    [InlineData("1.0", TestIssuer.ClientId)]
    [InlineData("1.0", "api://" + TestIssuer.ClientId)]
    public async Task TheClientIdAndItsApiUriAreAcceptedAudiencesForV1AndV2Tokens(string version, string audience) =>
        Assert.Equal(HttpStatusCode.Created, (await PostWithAsync(new TokenRequest { Version = version, Audience = audience })).StatusCode);

    [Fact]
    public async Task ATokenFromAnotherTenantIsUnauthorized()
    {
        const string otherTenant = "99999999-8888-4777-a666-555555555555";
        await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { TenantId = otherTenant, Issuer = $"{api.Issuer.Instance}{otherTenant}/v2.0" }));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/7f3e2a10-1c4b-4d2e-9a8f-0b1c2d3e4f50/v2.0")]
    [InlineData("https://sts.windows.net/7f3e2a10-1c4b-4d2e-9a8f-0b1c2d3e4f50/")]
    [InlineData("https://evil.example/")]
    public async Task ATokenFromAnotherIssuerIsUnauthorizedEvenWithTheRightKey(string issuer) =>
        await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { Issuer = issuer }));

    [Fact]
    public async Task ATokenSignedByAKeyTheIssuerNeverPublishedIsUnauthorized()
    {
        var credentials = new SigningCredentials(TestIssuer.NewKey(), SecurityAlgorithms.RsaSha256);
        await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { SigningCredentials = credentials }));
    }

    [Fact]
    public async Task AnUnsignedTokenIsUnauthorized() => await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { WithoutSignature = true }));

    [Fact]
    public async Task ATokenWhosePayloadWasChangedIsUnauthorized()
    {
        string user = Paths.NewUser();
        string[] parts = api.Token(TokenRequest.Delegated(user)).Split('.');
        string payload = Base64UrlEncoder.Decode(parts[1]).Replace("Profile.ReadWrite", "Profile.ReadWrite Profile.Admin", StringComparison.Ordinal);
        string forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        await AssertUnauthorizedAsync(await PostProfileAsync(user, forged));
    }

    [Fact]
    public async Task ATokenSignedWithTheIssuersPublicKeyAsAnHmacSecretIsUnauthorized()
    {
        // The classic algorithm-confusion attack: HS256 keyed with the public RSA modulus.
        var publicKey = api.Issuer.CurrentKey();
        var secret = new SymmetricSecurityKey(publicKey.Rsa.ExportParameters(false).Modulus) { KeyId = publicKey.KeyId };

        await AssertUnauthorizedAsync(await PostWithAsync(new TokenRequest { SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256) }));
    }

    [Fact]
    public async Task AuthenticationIsCheckedBeforeAnythingElseAboutTheRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/user/not%2Fvalid/profile") { Content = new StringContent("not json", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "expired.or.bad");

        await AssertUnauthorizedAsync(await api.Client.SendAsync(request, TestContext.Current.CancellationToken));
    }
}
