using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Http;
using ProfileFunctions.LocalHost;
using ProfileFunctions.LocalHost.DevelopmentTokens;
using ProfileFunctions.LocalHost.OpenApi;

// `token ...` mints a development token and exits; anything else runs the API.
if (args is ["token", .. var tokenArguments])
{
    return DevelopmentTokenCommand.Run(tokenArguments, DevelopmentTokenCommand.DevelopmentSettings(), Console.Out, Console.Error);
}

// The slim builder: Kestrel over http, console logging, no IIS or HTTPS set-up the API never uses. The content
// root is the build output, so appsettings.json is found wherever the host is started from.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// In Development with no app registration named, development tokens are the only ones: Entra ID is never contacted.
bool developmentTokensOnly = DevelopmentTokenOptions.IsTokensOnly(builder.Environment, builder.Configuration);
if (developmentTokensOnly)
{
    builder.Configuration.AddUnusedAzureAd();
}

// The API itself: authentication, claims rules, validation and storage, as the Functions app runs them.
builder.Services.AddProfileApi(builder.Configuration);

// The OpenAPI 3.1 document, generated from the endpoints' metadata.
builder.Services.AddProfileApiDocument();

// /healthz: whether Table Storage answers, for container and load-balancer probes.
builder.Services.AddHealthChecks().AddProfileStorageCheck();

// In Development, WebApplication puts its developer exception page (which shows the request's headers, a bearer token among
// them) ahead of everything: whatever reaches it is answered with the contract's 500 instead, as in every environment.
builder.Services.AddSingleton<IDeveloperPageExceptionFilter, ContractErrorPage>();

// In Development only, also trust development tokens (dotnet user-jwts, ./token.sh).
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddDevelopmentTokens(only: developmentTokensOnly);
}

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    DevelopmentTokenLog.Accepted(app.Logger, developmentTokensOnly);
}

// Every response carries the request's ids, and whatever escapes a handler is still answered in the contract's error format.
app.Use(async (context, next) =>
{
    try
    {
        RequestCorrelation.Begin(context);
        await next(context);
    }
    catch (Exception exception)
    {
        await UnhandledError.WriteAsync(context, exception);
    }
});

// Named here, after the middleware above, so that it runs around them too: WebApplication would otherwise put routing and
// authentication (which validates every request's token) ahead of all the app's middleware.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

// The document and the health probe (no token needed), the contract's routes, their 405s, and a 404 for every other path.
app.MapOpenApi(ProfileApiDocument.Path);
app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = ProfileHealth.WriteAsync });
app.MapProfileApi();

await app.RunAsync();
return 0;
