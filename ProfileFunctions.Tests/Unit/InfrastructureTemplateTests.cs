using System.Text.Json;
using System.Text.RegularExpressions;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// What matters for security and for a first deployment in infra/main.bicep, checked on the ARM template the Bicep CLI
/// compiles; and in the workflows and the README's set-up commands that deploy it.
/// </summary>
public sealed partial class InfrastructureTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static async Task<JsonElement> Single(string type) => Assert.Single((await Bicep.MainTemplateAsync()).Resources(type).EnumerateArray());

    // The app's settings: the expression of its one appsettings config resource.
    private static string AppSettings(Bicep.Compiled compiled) =>
        Assert.Single(compiled.Resources("Microsoft.Web/sites/config").EnumerateArray(), config => config.GetProperty("name").GetString()!.EndsWith("'appsettings')]", StringComparison.Ordinal))
            .GetProperty("properties").GetString()!;

    [Fact]
    public async Task TheTemplateCompilesWithoutAWarning()
    {
        var compiled = await Bicep.MainTemplateAsync();

        Assert.True(compiled.ExitCode == 0, compiled.Diagnostics);
        Assert.True(compiled.Diagnostics.Trim().Length == 0, compiled.Diagnostics);
    }

    [Fact]
    public async Task TheStorageAccountTakesNoKeysAndNoAnonymousReaders()
    {
        var properties = (await Single("Microsoft.Storage/storageAccounts")).GetProperty("properties");

        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public async Task TheContractsTablesAndTheDeploymentContainerExist()
    {
        using var template = JsonDocument.Parse((await Bicep.MainTemplateAsync()).Json);

        Assert.Equal(["Profiles", "ProfilePhotos"], template.RootElement.GetProperty("variables").GetProperty("dataTables").EnumerateArray().Select(table => table.GetString()));
        var containers = (await Bicep.MainTemplateAsync()).Resources("Microsoft.Storage/storageAccounts/blobServices/containers").EnumerateArray().ToList();
        Assert.Equal(2, containers.Count);
        Assert.Contains(containers, container => container.GetProperty("name").GetString()!.EndsWith("'profile-photos')]", StringComparison.Ordinal));
        Assert.All(containers, container => Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString()));
    }

    [Fact]
    public async Task TheIdentityHasExactlyTheRolesItNeedsWhereItNeedsThem()
    {
        var compiled = await Bicep.MainTemplateAsync();
        using var template = JsonDocument.Parse(compiled.Json);
        var roleIds = template.RootElement.GetProperty("variables").GetProperty("roles").EnumerateObject()
            .ToDictionary(role => $"variables('roles').{role.Name}", role => role.Value.GetString()!);

        // Each assignment's role, resolved from the template's own table of built-in role ids.
        var assignments = compiled.Resources("Microsoft.Authorization/roleAssignments").EnumerateArray()
            .Select(assignment => (
                Role: roleIds.Single(role => assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains(role.Key, StringComparison.Ordinal)).Value,
                Scope: assignment.GetProperty("scope").GetString()!,
                Principal: assignment.GetProperty("properties").GetProperty("principalId").GetString()!))
            .ToList();

        Assert.Equal(3, assignments.Count);
        Assert.Contains(assignments, a => a.Role == StorageBlobDataOwner && a.Scope.StartsWith("[resourceId('Microsoft.Storage/storageAccounts'", StringComparison.Ordinal));
        Assert.Contains(assignments, a => a.Role == StorageTableDataContributor && a.Scope.StartsWith("[resourceId('Microsoft.Storage/storageAccounts'", StringComparison.Ordinal));
        Assert.Contains(assignments, a => a.Role == MonitoringMetricsPublisher && a.Scope.StartsWith("[resourceId('Microsoft.Insights/components'", StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.StartsWith("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities'", a.Principal, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoSettingCarriesAnAccountKeyOrAConnectionStringWithOne()
    {
        string json = (await Bicep.MainTemplateAsync()).Json;

        foreach (string keyed in new[] { "AccountKey", "listKeys", "listKeys(", "SharedAccessSignature", "DefaultEndpointsProtocol", "'AzureWebJobsStorage'", "'ProfileStorage'" })
        {
            Assert.DoesNotContain(keyed, json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", json, StringComparison.Ordinal);
        foreach (string setting in new[] { "ProfileStorage__tableServiceUri", "ProfileStorage__blobServiceUri", "ProfileStorage__clientId", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AzureAd__ClientId", "AzureAd__TenantId", "AzureAd__Instance" })
        {
            Assert.Contains($"'{setting}', ", AppSettings(await Bicep.MainTemplateAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThePhotoQuotaIsASettingOfTheAppWithTheContractsDefaultAndRange()
    {
        var compiled = await Bicep.MainTemplateAsync();

        Assert.Contains("'ProfileApi__MaxPhotosPerUser', string(parameters('maxPhotosPerUser'))", AppSettings(compiled), StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(compiled.Json);
        var definition = document.RootElement.GetProperty("parameters").GetProperty("maxPhotosPerUser");
        Assert.Equal(1000, definition.GetProperty("defaultValue").GetInt32());
        Assert.Equal(1, definition.GetProperty("minValue").GetInt32());
        Assert.Equal(1_000_000, definition.GetProperty("maxValue").GetInt32());
    }

    [Fact]
    public async Task TheAppsAbsoluteLinksStartWithItsOwnHttpsHostName()
    {
        string settings = AppSettings(await Bicep.MainTemplateAsync());

        Assert.Contains("'ProfileApi__PublicBaseUrl', format('https://{0}', reference(resourceId('Microsoft.Web/sites', variables('appName')), '2025-03-01').defaultHostName)", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppGetsTheDefaultRateLimitAsASettingItCanChange() =>
        Assert.Contains("'ProfileApi__RateLimit__PermitsPerMinute', '600'", AppSettings(await Bicep.MainTemplateAsync()), StringComparison.Ordinal);

    [Fact]
    public async Task TheSiteSetsNoFtpsStateWhichFlexConsumptionRejects()
    {
        var compiled = await Bicep.MainTemplateAsync();

        Assert.False((await Single("Microsoft.Web/sites")).GetProperty("properties").GetProperty("siteConfig").TryGetProperty("ftpsState", out _));
        Assert.DoesNotContain("ftpsState", compiled.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheStorageAccountIsZoneRedundant() =>
        Assert.Equal("Standard_ZRS", (await Single("Microsoft.Storage/storageAccounts")).GetProperty("sku").GetProperty("name").GetString());

    [Fact]
    public async Task TheBaseNameIsThreeToTwelveLowerCaseLettersAndDigitsOrTheDeploymentFails()
    {
        var compiled = await Bicep.MainTemplateAsync();
        using var template = JsonDocument.Parse(compiled.Json);
        var parameter = template.RootElement.GetProperty("parameters").GetProperty("baseName");
        var variables = template.RootElement.GetProperty("variables");

        Assert.Equal(3, parameter.GetProperty("minLength").GetInt32());
        Assert.Equal(12, parameter.GetProperty("maxLength").GetInt32());
        Assert.Equal("abcdefghijklmnopqrstuvwxyz0123456789", variables.GetProperty("allowedCharacters").GetString());
        Assert.StartsWith(
            "[if(empty(filter(variables('baseNameCharacters'), lambda('character', not(contains(variables('allowedCharacters'), lambdaVariables('character')))))), parameters('baseName'), fail(",
            variables.GetProperty("name").GetString(),
            StringComparison.Ordinal);

        // Every resource name comes from the checked name: the raw parameter appears only where it is checked.
        string raw = Regex.Escape("parameters('baseName')");
        Assert.Equal(
            Regex.Count(variables.GetProperty("name").GetString()!, raw) + Regex.Count(variables.GetProperty("baseNameCharacters").GetString()!, raw),
            Regex.Count(compiled.Json, raw));
    }

    [Fact]
    public async Task TheAppRunsOnFlexConsumptionAsDotNet10IsolatedWithItsIdentityOnly()
    {
        var app = await Single("Microsoft.Web/sites");
        var config = app.GetProperty("properties").GetProperty("functionAppConfig");

        Assert.Equal("FC1", (await Single("Microsoft.Web/serverfarms")).GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("UserAssignedIdentity", config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal("UserAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        Assert.True(app.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());
        Assert.All(
            (await Bicep.MainTemplateAsync()).Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies").EnumerateArray(),
            policy => Assert.False(policy.GetProperty("properties").GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public async Task ApplicationInsightsAcceptsOnlyEntraAuthentication() =>
        Assert.True((await Single("Microsoft.Insights/components")).GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());

    [Fact]
    public async Task TheTemplateOutputsTheAppsNameAndHostName()
    {
        using var template = JsonDocument.Parse((await Bicep.MainTemplateAsync()).Json);
        var outputs = template.RootElement.GetProperty("outputs");
        Assert.True(outputs.TryGetProperty("functionAppName", out _));
        Assert.True(outputs.TryGetProperty("functionAppHostName", out _));
    }

    [Fact]
    public void TheTemplateUsesNoRegistryModules()
    {
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "infra"), "*.bicep", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("br/public:", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.DoesNotContain("br:", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static string RepositoryFile(params string[] path) => File.ReadAllText(Path.Combine([RepositoryRoot.Path, .. path]));

    [Fact]
    public void EveryActionInEveryWorkflowIsPinnedToAFullCommitShaWithItsVersion()
    {
        var uses = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml")
            .SelectMany(File.ReadLines)
            .Where(line => UsesLine().IsMatch(line))
            .ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(PinnedUsesLine(), line));
    }

    [Fact]
    public void DeploymentRunsOnlyAfterCiSucceededOnAPushToMain()
    {
        string deploy = RepositoryFile(".github", "workflows", "deploy.yml");

        Assert.Matches(new Regex(@"^name: ci$", RegexOptions.Multiline), RepositoryFile(".github", "workflows", "ci.yml"));
        Assert.Matches(new Regex(@"^on:\n  workflow_run:\n    workflows: \[ci\]\n    types: \[completed\]\n    branches: \[main\]\n  workflow_dispatch:\n\n", RegexOptions.Multiline), deploy.ReplaceLineEndings("\n"));
        Assert.Contains("github.event.workflow_run.conclusion == 'success'", deploy, StringComparison.Ordinal);
        Assert.Contains("github.event.workflow_run.event == 'push'", deploy, StringComparison.Ordinal);
        Assert.Contains("ref: ${{ github.event.workflow_run.head_sha || github.sha }}", deploy, StringComparison.Ordinal);

        // A manual run, which names no ci run, first finds a successful ci run on a push of the commit it deploys.
        Assert.Matches(new Regex(@"- name: Require a successful ci run of this commit\n\s+if: github\.event_name == 'workflow_dispatch'\n(?:.*\n)*?.*actions/workflows/ci\.yml/runs\?head_sha=\$COMMIT&event=push&status=success.*\n(?:.*\n)*?\s+exit 1\n"), deploy.ReplaceLineEndings("\n"));
        Assert.Contains("COMMIT: ${{ github.sha }}", deploy, StringComparison.Ordinal);
        Assert.Contains("  actions: read\n", deploy.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(deploy.IndexOf("Require a successful ci run", StringComparison.Ordinal) < deploy.IndexOf("azure/login", StringComparison.Ordinal));
    }

    [Fact]
    public void CiRunsTheTestsWithTheFunctionsLaneRequired()
    {
        string ci = RepositoryFile(".github", "workflows", "ci.yml");

        // An exact version: a new Core Tools (and the host it bundles) arrives as a reviewed change.
        Assert.Matches(new Regex(@"npm i -g azure-functions-core-tools@\d+\.\d+\.\d+ --unsafe-perm true\n"), ci.ReplaceLineEndings("\n"));
        Assert.Matches(new Regex(@"env:\n\s+PROFILEFUNCTIONS_FUNC_LANE: required\n\s+run: \./test\.sh"), ci.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DependabotKeepsThePinnedActionsAndThePackagesCurrent()
    {
        string dependabot = RepositoryFile(".github", "dependabot.yml");

        foreach (string ecosystem in new[] { "github-actions", "nuget", "npm" })
        {
            Assert.Matches(new Regex($@"- package-ecosystem: {ecosystem}\n    directory: /\n    schedule:\n      interval: weekly"), dependabot.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void TheReadmesRoleAssignmentsNameServicePrincipalsByObjectId()
    {
        var commands = Regex.Matches(RepositoryFile("README.md").ReplaceLineEndings("\n"), @"az role assignment create(?:[^\n]*\\\n)*[^\n]*").Select(match => match.Value).ToList();

        Assert.Equal(2, commands.Count);
        Assert.All(commands, command => Assert.Contains("--assignee-object-id \"$DEPLOY_SP_ID\" --assignee-principal-type ServicePrincipal", command, StringComparison.Ordinal));
        Assert.All(commands, command => Assert.DoesNotContain("--assignee ", command, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheReadmesDelegationConditionAllowsExactlyTheRolesTheTemplateAssignsForServicePrincipals()
    {
        string condition = Assert.Single(QuotedHeredocs(RepositoryFile("README.md")), body => body.Contains("ActionMatches", StringComparison.Ordinal));
        using var template = JsonDocument.Parse((await Bicep.MainTemplateAsync()).Json);
        var roleIds = template.RootElement.GetProperty("variables").GetProperty("roles").EnumerateObject().ToDictionary(role => role.Name, role => role.Value.GetString()!);
        var assigned = (await Bicep.MainTemplateAsync()).Resources("Microsoft.Authorization/roleAssignments").EnumerateArray()
            .Select(assignment => roleIds.Single(role => assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains($"variables('roles').{role.Key})", StringComparison.Ordinal)).Value)
            .Order().ToList();

        // Both halves (a new assignment's request, an existing one's deletion) admit exactly the template's roles, only for service principals.
        foreach (string source in new[] { "@Request", "@Resource" })
        {
            var admitted = Regex.Match(condition, $@"{Regex.Escape(source)}\[Microsoft\.Authorization/roleAssignments:RoleDefinitionId\] ForAnyOfAnyValues:GuidEquals \{{(?<ids>[^}}]*)\}} AND {Regex.Escape(source)}\[Microsoft\.Authorization/roleAssignments:PrincipalType\] ForAnyOfAnyValues:StringEqualsIgnoreCase \{{'ServicePrincipal'\}}");
            Assert.True(admitted.Success, $"{source}: no role-and-principal-type clause in the condition");
            Assert.Equal(assigned, admitted.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries).Order());
        }
    }

    [Fact]
    public void NoReadmeCommandLeavesAnExclamationMarkToBashHistoryExpansion()
    {
        // Interactive bash expands ! outside single quotes and quoted heredocs, even inside double quotes.
        var exposed = new List<string>();
        bool inBash = false;
        string? heredocEnd = null;
        foreach (string line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "README.md")).Select(line => line.Trim()))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBash = line == "```bash";
                continue;
            }
            if (!inBash)
            {
                continue;
            }
            if (heredocEnd is not null)
            {
                heredocEnd = line == heredocEnd ? null : heredocEnd;
                continue;
            }
            bool singleQuoted = false;
            foreach (char character in line)
            {
                singleQuoted ^= character == '\'';
                if (character == '!' && !singleQuoted)
                {
                    exposed.Add(line);
                }
            }
            heredocEnd = QuotedHeredocStart().Match(line) is { Success: true } start ? start.Groups["end"].Value : null;
        }

        Assert.Empty(exposed);
        Assert.Contains(QuotedHeredocs(RepositoryFile("README.md")), body => body.Contains("!(", StringComparison.Ordinal));
    }

    // The bodies of the README's here-documents whose delimiter is quoted (<<'END'): bash expands nothing in them.
    private static IEnumerable<string> QuotedHeredocs(string readme)
    {
        string[] lines = readme.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).ToArray();
        for (int index = 0; index < lines.Length; index++)
        {
            if (QuotedHeredocStart().Match(lines[index]) is { Success: true } start)
            {
                int end = Array.IndexOf(lines, start.Groups["end"].Value, index + 1);
                yield return string.Join('\n', lines[(index + 1)..end]);
                index = end;
            }
        }
    }

    [GeneratedRegex(@"^\s*-?\s*uses:")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^\s*-?\s*uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedUsesLine();

    [GeneratedRegex(@"<<'(?<end>[A-Za-z_]+)'")]
    private static partial Regex QuotedHeredocStart();
}
