using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Unit;

/// <summary>What matters for security in infra/main.bicep, checked on the ARM template the Bicep CLI compiles.</summary>
public sealed class InfrastructureTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static async Task<JsonElement> Single(string type) => Assert.Single((await Bicep.MainTemplateAsync()).Resources(type).EnumerateArray());

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
        Assert.Equal("None", (await Single("Microsoft.Storage/storageAccounts/blobServices/containers")).GetProperty("properties").GetProperty("publicAccess").GetString());
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

        Assert.Contains("createObject('name', 'AzureWebJobsStorage__credential', 'value', 'managedidentity')", json, StringComparison.Ordinal);
        foreach (string setting in new[] { "ProfileStorage__tableServiceUri", "ProfileStorage__clientId", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AzureAd__ClientId", "AzureAd__TenantId", "AzureAd__Instance" })
        {
            Assert.Contains($"createObject('name', '{setting}', 'value', ", json, StringComparison.Ordinal);
        }
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
}
