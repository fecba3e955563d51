extern alias FunctionsApp;

using System.CodeDom.Compiler;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Profile;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Tests.Infrastructure;
using App = FunctionsApp::ProfileFunctions;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// The Functions app as built by the test command: its triggers read from the compiled assembly, and its composition
/// root run by its own Program up to the built host (no Functions host is needed for that).
/// </summary>
public sealed class FunctionsAppTests
{
    private static readonly string AppFolder = Path.Combine(RepositoryRoot.Path, "ProfileFunctions");

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ["AzureAd:ClientId"] = "6f1d3a7e-1b2c-4d5e-8f90-123456789abc",
        ["ProfileStorage"] = "UseDevelopmentStorage=true",
    };

    /// <summary>
    /// The types written for the app, its top-level Program among them: not those the Worker SDK's source generators or
    /// the compiler add to it (their nested types are read with them).
    /// </summary>
    private static List<Type> AppsOwnTypes() =>
        [.. typeof(App.EdgeMiddleware).Assembly.GetTypes()
            .Where(type => !type.IsNested
                && type.GetCustomAttribute<GeneratedCodeAttribute>() is null
                && (type.GetCustomAttribute<CompilerGeneratedAttribute>() is null || type.Name == "Program"))];

    private static List<(MethodInfo Function, HttpTriggerAttribute Trigger)> Triggers() =>
        [.. typeof(App.EdgeMiddleware).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(method => (method, method.GetParameters().Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()).Single(trigger => trigger is not null)!))];

    [Fact]
    public void TheAppsHostResolvesWhatEveryFunctionNeeds()
    {
        using var host = FunctionsAppHost.Build(Settings);
        using var scope = host.Services.CreateScope();

        foreach (var type in Triggers().Select(trigger => trigger.Function.DeclaringType!).Distinct())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }

        // ConfigureFunctionsWebApplication: the worker's own web server, to which the host proxies each request.
        Assert.NotNull(host.Services.GetService<IServer>());

        // UseMiddleware registers the middleware it runs around every invocation.
        Assert.NotNull(host.Services.GetService<App.EdgeMiddleware>());
    }

    [Fact]
    public void TheAppsHostValidatesItsSettingsAtStartUp()
    {
        using var configured = FunctionsAppHost.Build(Settings);
        configured.Services.GetRequiredService<IStartupValidator>().Validate();

        using var unconfigured = FunctionsAppHost.Build(Settings.Where(setting => setting.Key != "AzureAd:ClientId").ToDictionary());
        var failure = Assert.Throws<OptionsValidationException>(() => unconfigured.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("AzureAd", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAppsLogsLeaveOutFrameworkChatterButKeepItsOwnEvents()
    {
        using var host = FunctionsAppHost.Build(Settings);
        var logs = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Azure.Core").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger(typeof(CreateProfile).FullName!).IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger(typeof(CreateProfile).FullName!).IsEnabled(LogLevel.Debug));

        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        Assert.Equal("Warning", hostJson.RootElement.GetProperty("logging").GetProperty("logLevel").GetProperty("default").GetString());
    }

    [Fact]
    public void TheAppTracesAsTheFunctionsHostExpectsOnlyWhenTelemetryIsExported()
    {
        // host.json as the build puts it beside the app, where the Functions host reads it.
        string output = Path.GetDirectoryName(typeof(App.EdgeMiddleware).Assembly.Location)!;
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.Equal("OpenTelemetry", hostJson.RootElement.GetProperty("telemetryMode").GetString());

        using var silent = FunctionsAppHost.Build(Settings);
        Assert.Null(silent.Services.GetService<TracerProvider>());
        Assert.False(silent.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities.ContainsKey("WorkerOpenTelemetryEnabled"));

        using var exporting = FunctionsAppHost.Build(new Dictionary<string, string>(Settings) { ["ProfileTelemetry:Console"] = "true" });
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());

        // The worker tells the host that it exports its own logs (the host stops forwarding them), and traces its invocations.
        Assert.Equal(bool.TrueString, exporting.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities["WorkerOpenTelemetryEnabled"]);
        using var invocations = new ActivitySource("Microsoft.Azure.Functions.Worker");
        Assert.True(invocations.HasListeners());
    }

    [Fact]
    public void EveryOperationOfTheRouteTableHasOneFunctionOfItsNameOnItsRouteAndMethod()
    {
        var triggers = Triggers().ToDictionary(trigger => trigger.Function.GetCustomAttribute<FunctionAttribute>()!.Name, trigger => trigger.Trigger);
        var operations = RouteTable.Routes.SelectMany(route => route.Operations.Select(operation => (route.Template, operation))).ToList();

        Assert.All(triggers.Values, trigger => Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel));
        foreach (var (template, operation) in operations)
        {
            var trigger = triggers[operation.Name];
            Assert.Equal(template, trigger.Route);
            Assert.Equal([operation.Method.ToLowerInvariant()], trigger.Methods!);
        }

        // Besides the operations: the health probe, and the fallback on every method and path for whatever is left.
        Assert.Equal(operations.Select(entry => entry.operation.Name).Append(nameof(App.HealthFunction)).Append(App.RouteFallback.Name).Order(), triggers.Keys.Order());
        Assert.Equal("healthz", triggers[nameof(App.HealthFunction)].Route);
        Assert.Equal(["get"], triggers[nameof(App.HealthFunction)].Methods!);
        Assert.Equal("{*path}", triggers[App.RouteFallback.Name].Route);
        Assert.Null(triggers[App.RouteFallback.Name].Methods);
    }

    [Fact]
    public void TheAppStaysUnder300LinesOfSource()
    {
        // A size budget, which no behaviour shows: what the app may do is held by the tests that follow.
        int lines = Directory.EnumerateFiles(AppFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Sum(file => File.ReadAllText(file).Split('\n').Length);

        Assert.True(lines < 300, $"The app has {lines} lines.");
    }

    [Fact]
    public void TheAppReferencesNoStorageOrIdentityLibrary()
    {
        // Storage and token validation belong to the Core: the built app does not even load their assemblies.
        var references = typeof(App.EdgeMiddleware).Assembly.GetReferencedAssemblies().Select(reference => reference.Name!).ToList();

        Assert.Contains("ProfileFunctions.Core", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Azure.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Identity", StringComparison.Ordinal)
            || name.StartsWith("System.IdentityModel", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAppsOwnCodeTouchesNoClaimsJsonAuthenticationOrStatusCodes()
    {
        var types = AppsOwnTypes();
        var methods = types.SelectMany(CompiledCode.MethodsOf).ToList();
        var named = methods.SelectMany(CompiledCode.MembersUsedBy).SelectMany(member => CompiledCode.TypesNamedBy(member).Select(type => (member, type))).ToList();

        // What is read is the app's code: it calls into the Core.
        Assert.Contains(named, use => use.type.Assembly == typeof(RouteTable).Assembly);

        // Claims, JSON and authentication belong to the Core, and so does every status: the app names none of them.
        Assert.Empty(named.Where(use => use.type.Namespace is "System.Security.Claims" or "System.Text.Json" or "Azure.Data.Tables"
                || (use.type.Namespace ?? string.Empty).StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal)
                || use.type.Name.Contains("Claim", StringComparison.Ordinal)
                || use.member.Name is "AuthenticateAsync" or "get_User" or "get_Claims" or "set_StatusCode" or "get_StatusCode"
                || use.type.FullName is "Microsoft.AspNetCore.Http.StatusCodes" or "Microsoft.AspNetCore.Http.Results" or "Microsoft.AspNetCore.Http.TypedResults"
                || (use.type.Namespace == "Microsoft.AspNetCore.Mvc" && use.type.Name.EndsWith("Result", StringComparison.Ordinal) && !use.type.IsInterface))
            .Select(use => $"{use.member.DeclaringType?.Name}.{use.member.Name} ({use.type.FullName})").Distinct());

        // A status code is a constant (StatusCodes.Status404NotFound compiles to 404): none is loaded anywhere.
        Assert.Empty(methods.SelectMany(method => CompiledCode.IntegersLoadedBy(method).Where(value => value is >= 100 and <= 599).Select(value => $"{method.DeclaringType?.Name}.{method.Name}: {value}")));

        // The app's types are its own namespace's (Program, of top-level statements, has none): none is declared where a
        // framework's would be.
        Assert.Contains(types, type => type.Name == "Program");
        Assert.All(types, type => Assert.True(type.Namespace == "ProfileFunctions" || (type.Name == "Program" && type.Namespace is null), type.FullName));
    }

    [Fact]
    public void EachFunctionOnlyHandsTheRequestToTheCoreAndItsAnswerBack()
    {
        var core = typeof(RouteTable).Assembly;
        foreach (var (function, _) in Triggers())
        {
            var calls = CompiledCode.MembersUsedBy(function).OfType<MethodBase>().ToList();

            // Into the Core (a handler, the route table, the health check), the adapter for its answer, and what reaching
            // the request and awaiting takes: nothing that could decide anything on the app's side.
            Assert.Contains(calls, call => call.DeclaringType!.Assembly == core);
            Assert.Contains(calls, call => call.DeclaringType == typeof(App.ResultAction) && call.IsConstructor);
            Assert.All(calls, call => Assert.True(
                call.DeclaringType!.Assembly == core
                    || call.DeclaringType == typeof(App.ResultAction)
                    || call.DeclaringType.Namespace is "System.Runtime.CompilerServices" or "System.Threading.Tasks"
                    || (call.DeclaringType, call.Name) is ({ Name: "HttpRequest" }, "get_HttpContext") or ({ Name: "HttpContext" }, "get_RequestAborted") or ({ Name: "FunctionContext" }, "get_InstanceServices")
                    || (call.DeclaringType == typeof(object) && call.IsConstructor),
                $"{function.DeclaringType!.Name}.{function.Name} calls {call.DeclaringType.FullName}.{call.Name}"));
        }
    }

    [Fact]
    public void APublishForTheDeploymentsRuntimeIsReadyToRun()
    {
        Assert.Equal("true", ProjectProperty("PublishReadyToRun", "-p:RuntimeIdentifier=linux-x64"));
        Assert.Equal(string.Empty, ProjectProperty("PublishReadyToRun"));
    }

    [Fact]
    public void TheProjectTargetsFunctionsV4AndTakesHostJsonFromTheRoot()
    {
        string project = File.ReadAllText(Path.Combine(AppFolder, "ProfileFunctions.csproj"));

        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", project, StringComparison.Ordinal);
        Assert.Contains(@"Include=""..\host.json""", project, StringComparison.Ordinal);
        Assert.Matches(@"local\.settings\.json""[^>]*CopyToPublishDirectory=""Never""", project);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(typeof(App.EdgeMiddleware).Assembly.Location)!, "host.json")));
    }

    [Fact]
    public void HostJsonServesTheRoutesAtTheRoot()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void TheSampleSettingsAreValidAndHoldNoSecret()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json"));
        using var sample = JsonDocument.Parse(text);
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(value => value.Name.Replace("__", ":", StringComparison.Ordinal), value => value.Value.GetString());

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);

        // The same validators that stop the app at start-up accept the sample.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var azureAd = configuration.GetSection(AzureAdSettings.SectionName).Get<AzureAdSettings>()!;
        Assert.True(new AzureAdSettingsValidator().Validate(null, azureAd).Succeeded);
        var storage = new ProfileStorageSettings { ConnectionString = configuration[ProfileStorageSettings.SectionName] };
        Assert.True(new ProfileStorageSettingsValidator().Validate(null, storage).Succeeded);
    }

    [Fact]
    public void LocalSettingsAreIgnoredByGit()
    {
        string ignore = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".gitignore"));
        Assert.Contains("\nlocal.settings.json\n", ignore, StringComparison.Ordinal);
    }

    /// <summary>A property of the app's project as MSBuild evaluates it (no build).</summary>
    private static string ProjectProperty(string name, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppFolder };
        foreach (string argument in new[] { "msbuild", "ProfileFunctions.csproj", $"-getProperty:{name}", "-p:Configuration=Release" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var msbuild = Process.Start(start)!;
        string output = msbuild.StandardOutput.ReadToEnd();
        msbuild.WaitForExit();
        Assert.Equal(0, msbuild.ExitCode);
        return output.Trim();
    }
}
