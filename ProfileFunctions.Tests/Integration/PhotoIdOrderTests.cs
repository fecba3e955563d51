using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>The contract's order of checks: a photo id's syntax (400) comes before authorization (403), on every photo route.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class PhotoIdOrderTests(ApiFixture api)
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/$value")]
    [InlineData("PUT", "/$value")]
    public async Task AMalformedPhotoIdIsABadRequestEvenOnAnotherUsersRoute(string method, string suffix)
    {
        string caller = Paths.NewUser();
        var request = new HttpRequestMessage(new HttpMethod(method), $"{Paths.Photos(Paths.NewUser())}/not-a-guid{suffix}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(TokenRequest.Delegated(caller)));
        if (method is "PATCH" or "PUT")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", method == "PUT" ? "image/png" : "application/merge-patch+json");
        }

        var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }
}
