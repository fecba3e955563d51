using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>The Bicep CLI from its NuGet package, compiling infra/main.bicep once per test run.</summary>
internal static class Bicep
{
    private static readonly Lazy<Task<Compiled>> Template = new(() => BuildAsync(Path.Combine(RepositoryRoot.Path, "infra", "main.bicep")));

    public static Task<Compiled> MainTemplateAsync() => Template.Value;

    private static async Task<Compiled> BuildAsync(string file)
    {
        string cli = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "BicepCli").Value!;

        // NuGet does not keep the execute bit of files it extracts (the package is the linux-x64 build).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, File.GetUnixFileMode(cli) | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["BICEP_TELEMETRY_DISABLED"] = "true" },
        };
        foreach (string argument in new[] { "build", file, "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string diagnostics = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Compiled(process.ExitCode, diagnostics, await output);
    }

    /// <param name="ExitCode">The CLI's exit code.</param>
    /// <param name="Diagnostics">Every warning and error it printed.</param>
    /// <param name="Json">The ARM template.</param>
    internal sealed record Compiled(int ExitCode, string Diagnostics, string Json)
    {
        public JsonElement Resources(string type)
        {
            using var template = JsonDocument.Parse(Json);
            var resources = template.RootElement.GetProperty("resources");

            // Symbolic-name templates hold resources in an object, classic ones in an array.
            var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(property => property.Value) : resources.EnumerateArray();
            return JsonSerializer.SerializeToElement(all.Where(resource => resource.GetProperty("type").GetString() == type).ToArray());
        }
    }
}
