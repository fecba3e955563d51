using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Edge;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// The Functions app cannot be built here (its packages are not served), so these tests read its sources as text:
/// the seam between it and the Core must hold without compiling it.
/// </summary>
public sealed partial class FunctionsAppSeamTests
{
    private static readonly string App = Path.Combine(RepositoryRoot.Path, "ProfileFunctions");

    private static IEnumerable<(string File, string Text)> Sources() =>
        Directory.EnumerateFiles(App, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (file, File.ReadAllText(file)));

    private static List<(string Function, string Route, string Handler)> Triggers() =>
        Sources()
            .SelectMany(source => TriggerPattern().Matches(source.Text))
            .Where(match => match.Groups["parameters"].Length > 0 == match.Groups["arguments"].Length > 0)
            .Select(match => (match.Groups["function"].Value, match.Groups["route"].Value, match.Groups["handler"].Value))
            .ToList();

    [Fact]
    public void EachRouteHasOneAnonymousTriggerThatTakesEveryMethodAndCallsItsCoreHandler()
    {
        var triggers = Triggers();

        // The local host maps the same constants, so both hosts serve the same paths.
        Assert.Equal(
            [(nameof(ProfileRoutes.Photo), nameof(ProfileApi.HandlePhotoAsync)), (nameof(ProfileRoutes.Photos), nameof(ProfileApi.HandlePhotosAsync)), (nameof(ProfileRoutes.Profile), nameof(ProfileApi.HandleProfileAsync))],
            triggers.Select(trigger => (trigger.Route, trigger.Handler)).Order());
        Assert.All(triggers, trigger => Assert.NotNull(typeof(ProfileApi).GetMethod(trigger.Handler, BindingFlags.Public | BindingFlags.Instance)));
        Assert.Equal(triggers.Count, triggers.Select(trigger => trigger.Function).Distinct().Count());
    }

    [Fact]
    public void EveryRouteConstantIsServedByTheFunctionsApp()
    {
        var constants = typeof(ProfileRoutes).GetFields()
            .Where(field => field.IsLiteral && ((string)field.GetRawConstantValue()!).Contains("{userId}", StringComparison.Ordinal))
            .Select(field => field.Name);
        Assert.Equal(constants.Order(), Triggers().Select(trigger => trigger.Route).Order());
    }

    [Fact]
    public void TheAppIsThinAndDecidesNothing()
    {
        var sources = Sources().ToList();

        Assert.True(sources.Sum(source => source.Text.Split('\n').Length) < 200);
        foreach (var (file, text) in sources)
        {
            // Validation, claims and storage belong to the Core.
            foreach (string word in new[] { "Azure.Data.Tables", "ClaimsPrincipal", "Claims", "JsonDocument", "Utf8JsonReader", "StatusCodes.", "AuthenticateAsync", "namespace Microsoft." })
            {
                Assert.False(text.Contains(word, StringComparison.Ordinal), $"{Path.GetFileName(file)} mentions {word}");
            }
        }
    }

    [Fact]
    public void ProgramUsesTheAspNetCoreIntegrationAndTheCoresOneRegistration()
    {
        string program = File.ReadAllText(Path.Combine(App, "Program.cs"));

        Assert.Contains("FunctionsApplication.CreateBuilder(args)", program, StringComparison.Ordinal);
        Assert.Contains(".ConfigureFunctionsWebApplication()", program, StringComparison.Ordinal);
        Assert.Contains(".AddProfileApi(builder.Configuration)", program, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProjectTargetsFunctionsV4AndTakesHostJsonFromTheRoot()
    {
        string project = File.ReadAllText(Path.Combine(App, "ProfileFunctions.csproj"));

        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", project, StringComparison.Ordinal);
        Assert.Contains("<OutputType>Exe</OutputType>", project, StringComparison.Ordinal);
        Assert.Contains(@"Include=""..\host.json""", project, StringComparison.Ordinal);
        Assert.Matches(@"local\.settings\.json""[^>]*CopyToPublishDirectory=""Never""", project);
        foreach (string package in new[] { "Microsoft.Azure.Functions.Worker", "Microsoft.Azure.Functions.Worker.Sdk", "Microsoft.Azure.Functions.Worker.Extensions.Http", "Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore" })
        {
            Assert.Contains($@"<PackageReference Include=""{package}"" />", project, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheTestsNeverBuildTheFunctionsApp()
    {
        string tests = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "ProfileFunctions.Tests", "ProfileFunctions.Tests.csproj"));
        Assert.DoesNotContain(@"ProfileFunctions\ProfileFunctions.csproj", tests, StringComparison.Ordinal);
        Assert.DoesNotContain("ProfileFunctions/ProfileFunctions.csproj", tests, StringComparison.Ordinal);
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

    // A trigger passes its route's parameters, in order, to the handler: (string userId[, string photoId]).
    [GeneratedRegex(@"\[Function\(nameof\((?<function>\w+)\)\)\]\s*public async Task<IActionResult> Run\(\s*\[HttpTrigger\(AuthorizationLevel\.Anonymous, Route = ProfileRoutes\.(?<route>\w+)\)\] HttpRequest request,\s*string userId(?<parameters>(,\s*string photoId)?)\) =>\s*new ResultAction\(await api\.(?<handler>\w+)\(request\.HttpContext, userId(?<arguments>(, photoId)?)\)\);")]
    private static partial Regex TriggerPattern();
}
