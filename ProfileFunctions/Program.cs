using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ProfileFunctions.Core;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: functions take HttpRequest and return IActionResult.
builder.ConfigureFunctionsWebApplication();

// The API itself, as the local host registers it: authentication, claims rules, validation, storage.
builder.Services.AddProfileApi(builder.Configuration);

builder.Build().Run();
