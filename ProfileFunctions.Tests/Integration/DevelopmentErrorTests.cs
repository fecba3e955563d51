using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>The local host in the Development environment, where ASP.NET Core would answer a failure with its developer exception page.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class DevelopmentErrorTests(ApiFixture api)
{
    [Fact]
    public async Task InDevelopmentAnExceptionBeforeAnyHandlerIsTheContracts500WithoutTheRequestHeaders()
    {
        // Authentication runs for every request before the handlers; an exception there is the unexpected kind.
        await using var own = api.StartOwnApi(environment: "Development", services: services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.Events.OnMessageReceived = _ => throw new InvalidOperationException("Authentication failed unexpectedly.")));
        string token = api.Token(TokenRequest.Delegated(Paths.NewUser()));
        var request = new HttpRequestMessage(HttpMethod.Get, "/user/me/profile");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("X-Private-Note", "not-for-echo-7c1d");

        var response = await own.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var error = await GraphError.AssertAsync(response, HttpStatusCode.InternalServerError, "InternalServerError");
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("not-for-echo-7c1d", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
