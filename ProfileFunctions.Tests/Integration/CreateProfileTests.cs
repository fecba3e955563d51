using System.Net;
using System.Text;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class CreateProfileTests(ApiFixture api)
{
    private const string ProfileType = "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile";

    [Fact]
    public async Task CreatingOwnProfileReturns201WithTheResourceLocationAndETag()
    {
        string user = Paths.NewUser();

        var response = await api.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), """{"displayName":"Ada Lovelace"}""");

        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Paths.Absolute(api.Client, $"/user/{user}/profile"), response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.Location!.IsAbsoluteUri);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(ProfileType, json.RootElement.GetProperty("@odata.type").GetString());
        Assert.Equal("Ada Lovelace", json.RootElement.GetProperty("displayName").GetString());

        var stored = await api.ProfileAsync(user);
        Assert.NotNull(stored);
        Assert.Equal(stored.ETag.ToString(), response.Headers.ETag?.ToString());
        Assert.Equal(stored.GetString("Id"), json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheProfileIsStoredAsTheContractsTableLaysItOut()
    {
        string user = Paths.NewUser();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var response = await api.PostAsync(
            Paths.Profile(user.ToUpperInvariant()),
            api.Token(TokenRequest.Delegated(user)),
            """{"@odata.type":"Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.PROFILE","id":"{1736E66D-E66D-1736-6DE6-36176DE63617}", "skills" : ["c#", 1.10], "x":{"y":null}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await api.ProfileAsync(user);
        Assert.NotNull(stored);
        Assert.Equal(user, stored.PartitionKey);
        Assert.Equal("profile", stored.RowKey);
        Assert.Equal("1736e66d-e66d-1736-6de6-36176de63617", Assert.IsType<string>(stored["Id"]));
        Assert.Equal("""{"skills" : ["c#", 1.10],"x":{"y":null}}""", Encoding.UTF8.GetString(Assert.IsType<byte[]>(stored["Body"])));
        Assert.Equal(user, Assert.IsType<string>(stored["CreatedBy"]));
        var created = Assert.IsType<DateTimeOffset>(stored["CreatedDateTime"]);
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(created, Assert.IsType<DateTimeOffset>(stored["LastModifiedDateTime"]));
        Assert.False(stored.ContainsKey("Height"));
        Assert.Equal(Assert.Single(response.Headers.GetValues("request-id")), Assert.IsType<string>(stored["RequestId"]));
        Assert.Equal(["Body", "CreatedBy", "CreatedDateTime", "Id", "LastModifiedDateTime", "PartitionKey", "RequestId", "RowKey", "Timestamp", "odata.etag"], stored.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheResponseHasTheCanonicalTypeTheLowerCaseIdAndEveryOtherMemberUnchanged()
    {
        string user = Paths.NewUser();
        string body = """{"@odata.type":"#microsoft.fast.pi.viewgenerator.v2.profile.models.profile","id":"1736E66DE66D17366DE636176DE63617","n":1.50000000000000000001,"big":123456789012345678901234567890,"e":-1E-400,"s":"caf\u00e9 😀","o":{"a":[true,false,null,{}]}}""";

        var response = await api.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), body);

        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(
            """{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile","id":"1736e66d-e66d-1736-6de6-36176de63617","n":1.50000000000000000001,"big":123456789012345678901234567890,"e":-1E-400,"s":"caf\u00e9 😀","o":{"a":[true,false,null,{}]}}""",
            text);
    }

    [Fact]
    public async Task WithoutAnIdTheServerAssignsANewOne()
    {
        string first = Paths.NewUser();
        string second = Paths.NewUser();

        string firstId = await CreatedIdAsync(first, "{}");
        string secondId = await CreatedIdAsync(second, "{}");

        Assert.NotEqual(firstId, secondId);
        Assert.Equal(Guid.Parse(firstId).ToString("D"), firstId);
    }

    [Fact]
    public async Task ASecondProfileForTheSameUserIsAConflictAndTheFirstIsKept()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Profile(user), token, """{"v":1}""")).StatusCode);

        var second = await api.PostAsync(Paths.Profile(user), token, """{"v":2}""");

        await GraphError.AssertAsync(second, HttpStatusCode.Conflict, "Conflict");
        var stored = await api.ProfileAsync(user);
        Assert.Equal("""{"v":1}""", Encoding.UTF8.GetString((byte[])stored!["Body"]));
    }

    [Fact]
    public async Task RetryingACreateWithTheSameIdGetsAConflictNeverASecondProfile()
    {
        string user = Paths.NewUser();
        string body = """{"id":"7d1f0a3c-2b4e-4c6d-8e9f-0a1b2c3d4e5f","v":1}""";
        string token = api.Token(TokenRequest.Delegated(user));

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Paths.Profile(user), token, body)).StatusCode);
        await GraphError.AssertAsync(await api.PostAsync(Paths.Profile(user), token, body), HttpStatusCode.Conflict, "Conflict");
    }

    [Fact]
    public async Task ManyParallelCreatesOfOneProfileYieldOne201AndTheRest409()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => api.PostAsync(Paths.Profile(user), token, $$"""{"attempt":{{i}}}""")));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        Assert.Equal(23, responses.Count(response => response.StatusCode == HttpStatusCode.Conflict));
        var winner = responses.Single(response => response.StatusCode == HttpStatusCode.Created);
        using var json = JsonDocument.Parse(await winner.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var stored = await api.ProfileAsync(user);
        Assert.Equal(json.RootElement.GetProperty("id").GetString(), stored!.GetString("Id"));
    }

    [Fact]
    public async Task ABodyOfExactly65536BytesIsStoredWhole()
    {
        string user = Paths.NewUser();
        string prefix = """{"padding":" """.TrimEnd();
        string body = prefix + new string('x', 65_536 - prefix.Length - 2) + "\"}";
        Assert.Equal(65_536, Encoding.UTF8.GetByteCount(body));

        var response = await api.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await api.ProfileAsync(user);
        Assert.Equal(body, Encoding.UTF8.GetString((byte[])stored!["Body"]));
    }

    private async Task<string> CreatedIdAsync(string user, string body)
    {
        var response = await api.PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }
}
