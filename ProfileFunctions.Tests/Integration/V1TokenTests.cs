using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class V1TokenTests(ApiFixture api)
{
    [Fact]
    public async Task AV1TokenFromTheLocalIssuerIsAcceptedAndItsApplicationIsTheCreator()
    {
        string user = Paths.NewUser();
        var request = new TokenRequest { Version = "1.0", Scopes = null, Roles = ["Profile.ReadWrite.All"], Audience = $"api://{TestIssuer.ClientId}" };
        Assert.Equal($"{api.Issuer.Instance}{TestIssuer.TenantId}/", api.Issuer.V1Issuer);

        var response = await api.PostAsync(Paths.Profile(user), api.Token(request), "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(request.AppId, (await api.ProfileAsync(user))?.GetString("CreatedBy"));
    }

    [Fact]
    public async Task AV1TokenFromAnotherTenantIsUnauthorized()
    {
        const string otherTenant = "99999999-8888-4777-a666-555555555555";
        string user = Paths.NewUser();
        var request = TokenRequest.Delegated(user) with { Version = "1.0", TenantId = otherTenant, Issuer = $"{api.Issuer.Instance}{otherTenant}/" };

        var response = await api.PostAsync(Paths.Profile(user), api.Token(request), "{}");

        await GraphError.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }
}
