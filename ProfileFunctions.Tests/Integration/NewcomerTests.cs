using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// The README's first steps as a newcomer takes them on a fresh machine: <c>./run.sh</c>, then <c>./token.sh</c>, then
/// the README's create, with no user secrets yet (HOME is a new, empty folder).
/// </summary>
public sealed class NewcomerTests
{
    [Fact]
    public async Task TheReadmesFirstCallCreatesAProfileOnAMachineWithNoUserSecrets()
    {
        var cancellation = TestContext.Current.CancellationToken;
        string home = Directory.CreateTempSubdirectory("profilefunctions-newcomer-").FullName;
        int port = FreePort.Next();
        var run = Script("run.sh", home, port);
        var output = new StringBuilder();
        run.OutputDataReceived += (_, line) => Record(output, line.Data);
        run.ErrorDataReceived += (_, line) => Record(output, line.Data);
        run.Start();
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilHealthyAsync(client, run, output, cancellation);

            // A user of its own: run.sh keeps Azurite's data in .azurite/, so a fixed user has a profile from the last run.
            using var token = Script("token.sh", home, port, "--user", Guid.NewGuid().ToString());
            token.Start();
            string minted = (await token.StandardOutput.ReadToEndAsync(cancellation)).Trim();
            await token.WaitForExitAsync(cancellation);
            Assert.True(token.ExitCode == 0, await token.StandardError.ReadToEndAsync(cancellation));

            using var create = new HttpRequestMessage(HttpMethod.Post, "/user/me/profile")
            {
                Content = new StringContent("""{"displayName":"Ada Lovelace"}""", Encoding.UTF8, "application/json"),
            };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", minted);
            using var response = await client.SendAsync(create, cancellation);

            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync(CancellationToken.None);
            run.Dispose();
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>A script of the repository's, as a newcomer's shell runs it: their own HOME, none of this run's settings.</summary>
    private static Process Script(string name, string home, int port, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, name));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string setting in start.Environment.Keys.Where(key =>
            key.StartsWith("AzureAd", StringComparison.Ordinal) || key.StartsWith("ProfileStorage", StringComparison.Ordinal)
            || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(setting);
        }

        // An empty HOME means empty user secrets; the package cache stays where it is, so nothing is downloaded again.
        start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        start.Environment["HOME"] = home;
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Process { StartInfo = start };
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process run, StringBuilder output, CancellationToken cancellation)
    {
        // The first run builds the local host: minutes on a busy machine.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (DateTime.UtcNow < deadline && !run.HasExited)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), cancellation);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
            }

            await Task.Delay(500, cancellation);
        }

        lock (output)
        {
            Assert.Fail($"./run.sh did not serve /healthz (exited: {run.HasExited}). Its output:\n{output}");
        }
    }

    private static void Record(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
