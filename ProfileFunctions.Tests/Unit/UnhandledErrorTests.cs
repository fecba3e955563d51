using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.Tests.Unit;

public sealed class UnhandledErrorTests
{
    private static DefaultHttpContext Request(bool clientGone = false)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.RequestAborted = new CancellationToken(canceled: clientGone);
        return context;
    }

    [Fact]
    public async Task TheWebServersRejectionOfWhatTheClientSentIsABadRequest()
    {
        var context = Request();

        await UnhandledError.WriteAsync(context, new BadHttpRequestException("Bad chunk size data.", StatusCodes.Status400BadRequest));

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("BadRequest", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("chunk size", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionTheClientResetIsNotAnswered()
    {
        var context = Request(clientGone: true);

        await UnhandledError.WriteAsync(context, new ConnectionResetException("Connection reset by peer"));

        Assert.Equal(0, context.Response.Body.Length);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
