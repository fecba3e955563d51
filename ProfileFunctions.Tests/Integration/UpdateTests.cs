using System.Net;
using System.Text;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>PATCH of the profile and of a photo, over HTTP, with real tokens and Azurite.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class UpdateTests(ApiFixture api)
{
    private const string ProfileType = "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile";
    private const string PhotoType = "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto";

    private static readonly string[] Racers = ["A", "B"];

    private readonly string _admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

    private static string IdOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;

    /// <summary>A new user with a profile and one photo, and the paths of both.</summary>
    private async Task<(string User, string Token, string Profile, string Photo)> NewUserAsync(string profile = """{"a":1}""", string photo = """{"height":480,"width":640,"caption":"lake"}""")
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        await api.CreateAsync(Paths.Profile(user), token, profile);
        var created = await api.CreateAsync(Paths.Photos(user), token, photo);
        return (user, token, Paths.Profile(user), created.Location);
    }

    private async Task AssertUnchangedAsync(string path, string token, (string? Json, string? ETag) before)
    {
        var after = await api.Client.ReadAsync(path, token);
        Assert.Equal(before.Json, after.Json);
        Assert.Equal(before.ETag, after.ETag);
    }

    [Fact]
    public async Task APatchOfTheProfileAnswers200WithTheWholeResourceAndItsNewETagAsReadsThenGiveIt()
    {
        var (_, token, profile, _) = await NewUserAsync("""{"a":1,"b":"keep"}""");
        var before = await api.Client.ReadAsync(profile, token);

        var response = await api.Client.PatchAsync(Paths.Profile("me"), token, """{"a":2,"c":true}""");

        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($$"""{"@odata.type":"{{ProfileType}}","id":"{{IdOf(before.Json!)}}","a":2,"b":"keep","c":true}""", text);
        Assert.NotEqual(before.ETag, response.Headers.ETag?.ToString());
        Assert.Single(response.Headers.GetValues("request-id"));
        var after = await api.Client.ReadAsync(profile, token);
        Assert.Equal(text, after.Json);
        Assert.Equal(response.Headers.ETag?.ToString(), after.ETag);
    }

    [Fact]
    public async Task APatchOfAPhotoMergesItsMembersAndSetsOrRemovesItsDimensions()
    {
        var (user, token, _, photo) = await NewUserAsync();
        string id = photo[(photo.LastIndexOf('/') + 1)..];

        var response = await api.Client.PatchAsync(photo, token, """{"height":100,"width":null,"caption":"sea","tags":["x"]}""", contentType: "application/json");

        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal($$"""{"@odata.type":"{{PhotoType}}","id":"{{id}}","height":100,"caption":"sea","tags":["x"]}""", text);
        var stored = (await api.PhotoAsync(user, id))!;
        Assert.Equal(100, stored.GetInt32("Height"));
        Assert.False(stored.ContainsKey("Width"));
        Assert.Equal("""{"caption":"sea","tags":["x"]}""", Encoding.UTF8.GetString(stored.GetBinary("Body")));
        Assert.Equal(text, (await api.Client.ReadAsync(photo, token)).Json);
    }

    [Fact]
    public async Task MergePatchFollowsRfc7396EndToEndAndKeepsEveryNumbersDigits()
    {
        var (_, token, profile, _) = await NewUserAsync("""{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged","n":1.50000000000000000001}""");
        string id = IdOf((await api.Client.ReadAsync(profile, token)).Json!);

        // RFC 7396 section 3's example, plus numbers no double holds.
        var response = await api.Client.PatchAsync(profile, token, """{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"],"big":123456789012345678901234567890,"e":1E+400}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $$"""{"@odata.type":"{{ProfileType}}","id":"{{id}}","title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","n":1.50000000000000000001,"phoneNumber":"+01-123-456-7890","big":123456789012345678901234567890,"e":1E+400}""",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IdAndODataTypeMayBeSentOnlyWithTheResourcesCurrentValues()
    {
        var (_, token, profile, photo) = await NewUserAsync();
        string profileId = IdOf((await api.Client.ReadAsync(profile, token)).Json!);
        string photoId = photo[(photo.LastIndexOf('/') + 1)..];

        Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchAsync(profile, token, $$"""{"id":"{{Guid.Parse(profileId):N}}","@odata.type":"microsoft.fast.pi.viewgenerator.v2.profile.models.PROFILE","x":1}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchAsync(photo, token, $$"""{"id":"{{photoId.ToUpperInvariant()}}","@odata.type":"{{PhotoType}}"}""")).StatusCode);

        var before = await api.Client.ReadAsync(profile, token);
        foreach (string patch in new[] { $$"""{"id":"{{Guid.NewGuid()}}"}""", $$"""{"@odata.type":"{{PhotoType}}"}""", """{"id":null}""", """{"@odata.type":null}""" })
        {
            await GraphError.AssertAsync(await api.Client.PatchAsync(profile, token, patch), HttpStatusCode.BadRequest, "BadRequest");
        }

        await AssertUnchangedAsync(profile, token, before);
    }

    [Theory]
    [InlineData("""{"height":0}""")]
    [InlineData("""{"width":10001}""")]
    [InlineData("""{"height":1.0}""")]
    [InlineData("""{"height":"100"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("")]
    public async Task ABadPatchBodyIsABadRequestAndChangesNothing(string patch)
    {
        var (_, token, _, photo) = await NewUserAsync();
        var before = await api.Client.ReadAsync(photo, token);

        await GraphError.AssertAsync(await api.Client.PatchAsync(photo, token, patch), HttpStatusCode.BadRequest, "BadRequest");

        await AssertUnchangedAsync(photo, token, before);
    }

    [Fact]
    public async Task OnlyJsonAndMergePatchBodiesAreAccepted()
    {
        var (_, token, profile, _) = await NewUserAsync();

        foreach (string type in new[] { "text/plain", "application/json-patch+json", "application/merge-patch+json; charset=latin1", "application/xml" })
        {
            await GraphError.AssertAsync(await api.Client.PatchAsync(profile, token, "{}", contentType: type), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        }

        foreach (string type in new[] { "application/merge-patch+json", "application/merge-patch+json; charset=utf-8", "application/json", "Application/JSON; charset=UTF-8" })
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchAsync(profile, token, "{}", contentType: type)).StatusCode);
        }
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413AndAPatchWhoseResultWouldBeTooLargeIs413Too()
    {
        var (_, token, profile, _) = await NewUserAsync($$"""{"big":"{{new string('x', 40_000)}}"}""");
        var before = await api.Client.ReadAsync(profile, token);

        await GraphError.AssertAsync(await api.Client.PatchAsync(profile, token, $$"""{"a":"{{new string('y', 65_537)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await GraphError.AssertAsync(await api.Client.PatchAsync(profile, token, $$"""{"more":"{{new string('y', 30_000)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");

        await AssertUnchangedAsync(profile, token, before);
    }

    [Fact]
    public async Task WhatDoesNotExistIsNotFoundBeforeAnyIfMatchIsLookedAt()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        foreach (string path in new[] { Paths.Profile(user), $"/user/{user}/photos/{Guid.NewGuid()}" })
        {
            await GraphError.AssertAsync(await api.Client.PatchAsync(path, token, """{"a":1}"""), HttpStatusCode.NotFound, "ResourceNotFound");
            await GraphError.AssertAsync(await api.Client.PatchAsync(path, token, """{"a":1}""", ifMatch: "\"stale\""), HttpStatusCode.NotFound, "ResourceNotFound");
        }

        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task ChecksComeInTheContractsOrder()
    {
        var (owner, ownerToken, profile, photo) = await NewUserAsync();
        string intruder = api.Token(TokenRequest.Delegated(Paths.NewUser()));
        string huge = $$"""{"a":"{{new string('y', 70_000)}}"}""";

        // 401 before anything; the userId's 400 and the photo id's 400 before 403; 403 before 415 and whether it exists.
        await GraphError.AssertAsync(await api.Client.PatchAsync($"/user/{owner}/photos/not-a-guid", token: null, "[", contentType: "text/plain"), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await GraphError.AssertAsync(await api.Client.PatchAsync("/user/a%2Fb/profile", intruder, "{}"), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await api.Client.PatchAsync($"/user/{owner}/photos/not-a-guid", intruder, "{}"), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await api.Client.PatchAsync(photo, intruder, huge, contentType: "text/plain"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");

        // 415 before 413, 413 before 400, 400 before 404, 404 before 412.
        await GraphError.AssertAsync(await api.Client.PatchAsync(profile, ownerToken, huge, contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        await GraphError.AssertAsync(await api.Client.PatchAsync(Paths.Profile(Paths.NewUser()), _admin, huge), HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await GraphError.AssertAsync(await api.Client.PatchAsync(Paths.Profile(Paths.NewUser()), _admin, "[]"), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await api.Client.PatchAsync(Paths.Profile(Paths.NewUser()), _admin, "{}", ifMatch: "\"x\""), HttpStatusCode.NotFound, "ResourceNotFound");
        await GraphError.AssertAsync(await api.Client.PatchAsync(profile, ownerToken, "{}", ifMatch: "\"x\""), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
    }

    [Fact]
    public async Task AnotherUsersResourcesAreForbiddenWhetherOrNotTheyExist()
    {
        var (_, _, profile, photo) = await NewUserAsync();
        string intruder = api.Token(TokenRequest.Delegated(Paths.NewUser()));
        string nobody = Paths.NewUser();

        foreach (string path in new[] { profile, photo, Paths.Profile(nobody), $"/user/{nobody}/photos/{Guid.NewGuid()}" })
        {
            await GraphError.AssertAsync(await api.Client.PatchAsync(path, intruder, """{"a":2}"""), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        }
    }

    [Fact]
    public async Task TwentyConcurrentPatchesOfDifferentMembersAllTakeEffect()
    {
        var (_, token, profile, _) = await NewUserAsync("{}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.Client.PatchAsync(profile, token, $$"""{"m{{i}}":{{i}}}""")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(20, responses.Select(response => response.Headers.ETag!.ToString()).Distinct().Count());
        using var stored = JsonDocument.Parse((await api.Client.ReadAsync(profile, token)).Json!);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(i, stored.RootElement.GetProperty($"m{i}").GetInt32());
        }
    }

    [Fact]
    public async Task OfTwoPatchesWithTheSameIfMatchOneSucceedsAndTheOtherGets412()
    {
        var (_, token, _, photo) = await NewUserAsync();
        var before = await api.Client.ReadAsync(photo, token);

        var responses = await Task.WhenAll(Racers.Select(name => api.Client.PatchAsync(photo, token, $$"""{"winner":"{{name}}"}""", ifMatch: before.ETag)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(response => response.StatusCode).Order());
        var winner = responses.Single(response => response.StatusCode == HttpStatusCode.OK);
        var loser = responses.Single(response => response.StatusCode != HttpStatusCode.OK);
        await GraphError.AssertAsync(loser, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        var after = await api.Client.ReadAsync(photo, token);
        Assert.Equal(await winner.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), after.Json);
    }

    [Fact]
    public async Task IfMatchTakesStarListsAndWeakOrStrongFormsOfTheCurrentETag()
    {
        var (_, token, profile, _) = await NewUserAsync();

        async Task<string> CurrentAsync() => (await api.Client.ReadAsync(profile, token)).ETag!;

        string weak = await CurrentAsync();
        Assert.StartsWith("W/", weak, StringComparison.Ordinal);
        foreach (Func<string, string> form in new Func<string, string>[] { _ => "*", etag => etag, etag => etag[2..], etag => $"\"other\", {etag}", etag => $"W/\"a\",{etag[2..]}" })
        {
            string ifMatch = form(await CurrentAsync());
            var response = await api.Client.PatchAsync(profile, token, """{"n":1}""", ifMatch: ifMatch);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"If-Match: {ifMatch} gave {(int)response.StatusCode}");
        }

        var before = await api.Client.ReadAsync(profile, token);
        foreach (string stale in new[] { weak, weak[2..], "\"other\", W/\"another\"" })
        {
            await GraphError.AssertAsync(await api.Client.PatchAsync(profile, token, """{"n":2}""", ifMatch: stale), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        }

        foreach (string malformed in new[] { "abc", "*, \"a\"", "W/abc" })
        {
            await GraphError.AssertAsync(await api.Client.PatchAsync(profile, token, """{"n":2}""", ifMatch: malformed), HttpStatusCode.BadRequest, "BadRequest");
        }

        await AssertUnchangedAsync(profile, token, before);
    }

    [Fact]
    public async Task PreferReturnMinimalGives204WithTheNewETagAndNoBody()
    {
        var (_, token, _, photo) = await NewUserAsync();

        var response = await api.Client.PatchAsync(photo, token, """{"caption":"minimal"}""", prefer: "respond-async, return=minimal");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("return=minimal", Assert.Single(response.Headers.GetValues("Preference-Applied")));
        var after = await api.Client.ReadAsync(photo, token);
        Assert.Equal(after.ETag, response.Headers.ETag?.ToString());
        Assert.Contains("\"caption\":\"minimal\"", after.Json, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchAsync(photo, token, "{}", prefer: "return=representation")).StatusCode);
    }

    [Fact]
    public async Task EveryWriteStoresLastModifiedDateTimeAndLeavesCreatedByAndCreatedDateTimeAlone()
    {
        var (user, token, _, photo) = await NewUserAsync();
        string id = photo[(photo.LastIndexOf('/') + 1)..];
        var created = (await api.PhotoAsync(user, id))!;
        var createdAt = created.GetDateTimeOffset("CreatedDateTime");
        Assert.Equal(createdAt, created.GetDateTimeOffset("LastModifiedDateTime"));

        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchAsync(photo, _admin, """{"by":"admin"}""")).StatusCode);

        var patched = (await api.PhotoAsync(user, id))!;
        Assert.Equal(user, patched.GetString("CreatedBy"));
        Assert.Equal(createdAt, patched.GetDateTimeOffset("CreatedDateTime"));
        Assert.IsType<DateTimeOffset>(patched["LastModifiedDateTime"]);
        Assert.True(patched.GetDateTimeOffset("LastModifiedDateTime") > createdAt);
        Assert.NotEqual(created.ETag, patched.ETag);
        Assert.Equal(created.GetString("Id"), patched.GetString("Id"));
    }
}
