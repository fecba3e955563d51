using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProfileFunctions.Core;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
public sealed class StartupTests(ApiFixture api)
{
    [Theory]
    [InlineData("AzureAd:Instance", null, "AzureAd__Instance")]
    [InlineData("AzureAd:Instance", "http://login.microsoftonline.com/", "AzureAd__Instance")]
    [InlineData("AzureAd:TenantId", null, "AzureAd__TenantId")]
    [InlineData("AzureAd:TenantId", "common", "AzureAd__TenantId")]
    [InlineData("AzureAd:ClientId", null, "AzureAd__ClientId")]
    [InlineData("AzureAd:ClientId", "my-api", "AzureAd__ClientId")]
    [InlineData("ProfileStorage", null, "ProfileStorage")]
    [InlineData("ProfileStorage", "not a connection string", "ProfileStorage")]
    [InlineData("ProfileStorage:tableServiceUri", "https://acct.table.core.windows.net", "ProfileStorage__tableServiceUri")]
    public async Task AMissingOrMalformedSettingStopsTheHostAtStartNamingIt(string key, string? value, string named)
    {
        // A host of nothing but AddProfileApi, as both the local host and the Functions app compose it.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(api.Settings(new Dictionary<string, string?> { [key] = value })!);
        builder.Services.AddProfileApi(builder.Configuration);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidSettingsStartTheHostWithoutTouchingStorageOrTheAuthority()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(api.Settings(new Dictionary<string, string?>
        {
            ["ProfileStorage"] = $"DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/a;",
            ["AzureAd:Instance"] = $"http://127.0.0.1:{FreePort.Next()}/",
        })!);
        builder.Services.AddProfileApi(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task TheBuiltHostStopsWithAMessageNamingTheMissingSetting()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("ProfileFunctions.LocalHost.dll");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreePort.Next()}");
        foreach (var (key, value) in api.Settings(new Dictionary<string, string?> { ["AzureAd:ClientId"] = null }))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("AzureAd__ClientId", await output + await error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBuiltHostMintsADevelopmentTokenOnCommand()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "ProfileFunctions.LocalHost.dll", "token", "--user", "u-1", "--key-file", api.DevelopmentKeyFile })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(3, output.Trim().Split('.').Length);
    }
}
