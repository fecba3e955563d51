using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Telemetry;
using ProfileFunctions;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: functions take HttpRequest and return IActionResult.
builder.ConfigureFunctionsWebApplication();

// Correlation ids on every response, and the contract's 500 for whatever escapes a function.
builder.UseMiddleware<EdgeMiddleware>();

// The API itself, as the local host registers it: authentication, claims rules, validation, storage. Its telemetry, when
// exported, as the Functions host expects with host.json's "telemetryMode": "OpenTelemetry": the host records each request's
// span, the worker its invocation's (named for the operation) and the storage calls within it, and exports its own logs.
builder.Services.AddProfileApi(builder.Configuration, TelemetryHost.Functions(static telemetry => telemetry.UseFunctionsWorkerDefaults()));

// /healthz: whether Table Storage answers, for the deployment's smoke test and probes.
builder.Services.AddHealthChecks().AddProfileStorageCheck();

// Every log line crosses to the host over gRPC: the framework's chatter stays out, our own events keep their level.
builder.Logging.AddFilter(static (category, level) => level >= LogFilter.MinimumFor(category));

builder.Build().Run();
