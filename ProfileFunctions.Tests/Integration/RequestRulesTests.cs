using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class RequestRulesTests(ApiFixture api)
{
    private readonly string _admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

    [Theory]
    [InlineData("a%2Fb")]
    [InlineData("a%5Cb")]
    [InlineData("a%23b")]
    [InlineData("a%3Fb")]
    [InlineData("a%20b")]
    [InlineData("a%01b")]
    [InlineData("a%25b")]
    [InlineData("caf%C3%A9")]
    [InlineData("a+b")]
    [InlineData("a%2Cb")]
    public async Task AUserIdWithCharactersTableKeysForbidOrTheContractExcludesIsABadRequest(string encoded)
    {
        var response = await api.PostAsync($"/user/{encoded}/profile", _admin, "{}");
        await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task AUserIdLongerThan128CharactersIsABadRequest()
    {
        await GraphError.AssertAsync(await api.PostAsync($"/user/{new string('a', 129)}/photos", _admin, "{}"), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/user/{Guid.NewGuid():N}{new string('a', 96)}/photos", _admin, "{}")).StatusCode);
    }

    [Fact]
    public async Task APercentEncodedUserPrincipalNameIsDecodedAndStoredInLowerCase()
    {
        string upn = $"Ada.{Guid.NewGuid():N}@Contoso.com";

        var response = await api.PostAsync($"/user/{upn.Replace("@", "%40", StringComparison.Ordinal)}/profile", _admin, "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Paths.Absolute(api.Client, $"/user/{upn.ToLowerInvariant()}/profile"), response.Headers.Location?.OriginalString);
        Assert.NotNull(await api.ProfileAsync(upn.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/json;charset=\"UTF-8\"")]
    public async Task JsonWithAnyCaseOrAUtf8CharsetIsAccepted(string contentType) =>
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Photos(Paths.NewUser()), _admin, "{}", contentType)).StatusCode);

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task AnotherContentTypeIsUnsupported(string contentType)
    {
        string user = Paths.NewUser();
        await GraphError.AssertAsync(await api.PostAsync(Paths.Photos(user), _admin, "{}", contentType), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        Assert.Empty(await api.PhotosAsync(user));
    }

    [Fact]
    public async Task AMissingContentTypeIsUnsupported()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Profile(Paths.NewUser())) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);

        await GraphError.AssertAsync(await api.Client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Fact]
    public async Task TheContentTypeIsCheckedBeforeTheSize()
    {
        var response = await api.PostAsync(Paths.Profile(Paths.NewUser()), _admin, new string(' ', 70_000), "text/plain");
        await GraphError.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Fact]
    public async Task ABodyOverTheLimitIsTooLargeAndNothingIsStored()
    {
        string user = Paths.NewUser();
        string body = """{"padding":" """.TrimEnd() + new string('x', 65_537 - 14) + "\"}";
        Assert.Equal(65_537, Encoding.UTF8.GetByteCount(body));

        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(user), _admin, body), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task AStreamedBodyWithoutALengthIsCutOffAtTheLimit()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Photos(Paths.NewUser()))
        {
            Content = new StreamContent(new NonSeekableStream(new byte[1_000_000])),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);

        await GraphError.AssertAsync(await api.Client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
    }

    [Fact]
    public async Task TheSizeIsCheckedBeforeTheShape() =>
        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(Paths.NewUser()), _admin, new string('[', 70_000)), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":{\"b\":1,\"\\u0062\":2}}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"id\":\"00000000-0000-0000-0000-000000000000\"}")]
    [InlineData("{\"id\":12}")]
    [InlineData("{\"@odata.type\":\"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto\"}")]
    [InlineData("{\"a\":1,}")]
    public async Task ABodyThatBreaksARuleIsABadRequestAndNothingIsStored(string body)
    {
        string user = Paths.NewUser();

        var error = await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(user), _admin, body), HttpStatusCode.BadRequest, "BadRequest");

        Assert.DoesNotContain("Exception", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task InvalidUtf8IsABadRequest()
    {
        string user = Paths.NewUser();
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Profile(user)) { Content = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)'}']) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);

        await GraphError.AssertAsync(await api.Client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task NestingBeyond32LevelsIsABadRequest()
    {
        string user = Paths.NewUser();
        string ok = "{\"a\":" + new string('[', 31) + new string(']', 31) + "}";
        string deep = "{\"a\":" + new string('[', 32) + new string(']', 32) + "}";

        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(user), _admin, deep), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Profile(user), _admin, ok)).StatusCode);
    }

    /// <summary>Hides a stream's length so the client sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
