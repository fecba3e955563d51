using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>DELETE of the profile and of a photo, over HTTP, with real tokens and Azurite.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class DeleteTests(ApiFixture api)
{
    private async Task<(string User, string Token, string Profile, string Photo)> NewUserAsync()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        await api.CreateAsync(Paths.Profile(user), token, """{"a":1}""");
        var photo = await api.CreateAsync(Paths.Photos(user), token, """{"height":1,"caption":"x"}""");
        return (user, token, Paths.Profile(user), photo.Location);
    }

    [Fact]
    public async Task DeletingTheProfileAnswers204AndThenItIsGoneAndASecondDeleteIs404()
    {
        var (user, token, profile, photo) = await NewUserAsync();

        var response = await api.Client.DeleteAsync(Paths.Profile("me"), token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Single(response.Headers.GetValues("request-id"));
        Assert.Null(await api.ProfileAsync(user));
        Assert.Null((await api.Client.ReadAsync(profile, token)).Json);
        Assert.NotNull((await api.Client.ReadAsync(photo, token)).Json);
        await GraphError.AssertAsync(await api.Client.DeleteAsync(profile, token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task DeletingAPhotoAnswers204AndLeavesTheOtherPhotosAndTheProfile()
    {
        var (user, token, profile, photo) = await NewUserAsync();
        var other = await api.CreateAsync(Paths.Photos(user), token, "{}");
        string id = photo[(photo.LastIndexOf('/') + 1)..];

        // Any GUID format names the same photo.
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync($"/user/{user}/photos/{Guid.Parse(id):B}", token)).StatusCode);

        Assert.Null(await api.PhotoAsync(user, id));
        Assert.Single(await api.PhotosAsync(user));
        Assert.NotNull((await api.Client.ReadAsync(other.Location, token)).Json);
        Assert.NotNull((await api.Client.ReadAsync(profile, token)).Json);
        await GraphError.AssertAsync(await api.Client.DeleteAsync(photo, token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task IfMatchWithAStaleETagIs412AndTheResourceStays()
    {
        var (_, token, profile, photo) = await NewUserAsync();
        foreach (string path in new[] { profile, photo })
        {
            var before = await api.Client.ReadAsync(path, token);
            Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchAsync(path, token, """{"changed":true}""")).StatusCode);
            var current = await api.Client.ReadAsync(path, token);

            await GraphError.AssertAsync(await api.Client.DeleteAsync(path, token, ifMatch: before.ETag), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
            await GraphError.AssertAsync(await api.Client.DeleteAsync(path, token, ifMatch: "abc"), HttpStatusCode.BadRequest, "BadRequest");

            var after = await api.Client.ReadAsync(path, token);
            Assert.Equal(current.Json, after.Json);
            Assert.Equal(current.ETag, after.ETag);
        }
    }

    [Fact]
    public async Task IfMatchWithTheCurrentETagInAnyFormOrStarDeletes()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var photos = new List<(string Json, string ETag, string Location)>();
        for (int i = 0; i < 4; i++)
        {
            photos.Add(await api.CreateAsync(Paths.Photos(user), token, "{}"));
        }

        string[] forms = ["*", photos[1].ETag, photos[2].ETag[2..], $"\"other\", {photos[3].ETag}"];
        for (int i = 0; i < forms.Length; i++)
        {
            var response = await api.Client.DeleteAsync(photos[i].Location, token, ifMatch: forms[i]);
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"If-Match: {forms[i]} gave {(int)response.StatusCode}");
        }

        Assert.Empty(await api.PhotosAsync(user));
    }

    [Fact]
    public async Task WhatDoesNotExistIsNotFoundEvenWithIfMatch()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        foreach (string path in new[] { Paths.Profile(user), $"/user/{user}/photos/{Guid.NewGuid()}" })
        {
            await GraphError.AssertAsync(await api.Client.DeleteAsync(path, token), HttpStatusCode.NotFound, "ResourceNotFound");
            await GraphError.AssertAsync(await api.Client.DeleteAsync(path, token, ifMatch: "*"), HttpStatusCode.NotFound, "ResourceNotFound");
            await GraphError.AssertAsync(await api.Client.DeleteAsync(path, token, ifMatch: "\"stale\""), HttpStatusCode.NotFound, "ResourceNotFound");
        }
    }

    [Fact]
    public async Task ChecksComeInTheContractsOrderAndAnotherUsersResourcesAreForbiddenWhetherOrNotTheyExist()
    {
        var (owner, _, profile, photo) = await NewUserAsync();
        string intruder = api.Token(TokenRequest.Delegated(Paths.NewUser()));
        string nobody = Paths.NewUser();

        await GraphError.AssertAsync(await api.Client.DeleteAsync($"/user/{owner}/photos/not-a-guid", token: null), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await GraphError.AssertAsync(await api.Client.DeleteAsync("/user/a%2Fb/profile", intruder), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await api.Client.DeleteAsync($"/user/{owner}/photos/not-a-guid", intruder), HttpStatusCode.BadRequest, "BadRequest");
        foreach (string path in new[] { profile, photo, Paths.Profile(nobody), $"/user/{nobody}/photos/{Guid.NewGuid()}" })
        {
            await GraphError.AssertAsync(await api.Client.DeleteAsync(path, intruder, ifMatch: "abc"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        }

        Assert.NotNull(await api.ProfileAsync(owner));
        Assert.Single(await api.PhotosAsync(owner));
    }

    [Fact]
    public async Task ADeletedProfileCanBeCreatedAgain()
    {
        var (_, token, profile, _) = await NewUserAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync(profile, token)).StatusCode);

        var again = await api.CreateAsync(profile, token, """{"b":2}""");

        Assert.Contains("\"b\":2", again.Json, StringComparison.Ordinal);
    }
}
