using System.Diagnostics;
using System.Net;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;
using SkiaSharp;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// A client generated with Kiota (the generator behind the Microsoft Graph SDKs) from the committed openapi.json, built
/// and run against the built local host: the document is what a third party's client is made from.
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class GeneratedClientTests(ApiFixture api)
{
    private static readonly string Harness = Path.Combine(RepositoryRoot.Path, "ProfileFunctions.Tests", "GeneratedClient");
    private static readonly string BuiltDll = Path.Combine(AppContext.BaseDirectory, "ProfileFunctions.LocalHost.dll");

    // No first-run tutorial or update check: the test run is offline as far as Kiota is concerned.
    private static readonly Dictionary<string, string> Quiet = new() { ["KIOTA_TUTORIAL_ENABLED"] = "false", ["KIOTA_OFFLINE_ENABLED"] = "true", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };

    private static async Task<string> RunAsync(string folder, TimeSpan timeout, params string[] arguments)
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(folder, timeout, Quiet, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments.Select(argument => argument.Length > 80 ? argument[..20] + "..." : argument))} exited {exitCode}:\n{output}");
        return output;
    }

    [Fact]
    public async Task AKiotaClientRoundTripsReadsImageBytesFollowsNextLinksWithWithUrlAndThrowsTypedGraphErrors()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("profilefunctions-kiota-");
        try
        {
            // Outside the repository, so that its Directory.Build.props (warnings as errors, analyzers) does not apply to
            // generated code; the package versions are still the repository's own.
            File.Copy(Path.Combine(Harness, "GeneratedClient.csproj"), Path.Combine(work.FullName, "GeneratedClient.csproj"));
            File.Copy(Path.Combine(Harness, "Program.cs.txt"), Path.Combine(work.FullName, "Program.cs"));
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "Directory.Build.props"), "<Project />", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(
                Path.Combine(work.FullName, "Directory.Packages.props"),
                $"""<Project><Import Project="{Path.Combine(RepositoryRoot.Path, "Directory.Packages.props")}" /></Project>""",
                TestContext.Current.CancellationToken);

            await RunAsync(RepositoryRoot.Path, TimeSpan.FromMinutes(2), "tool", "restore");
            await RunAsync(RepositoryRoot.Path, TimeSpan.FromMinutes(2), "kiota", "generate", "--language", "CSharp", "--openapi", Path.Combine(RepositoryRoot.Path, "openapi.json"), "--output", Path.Combine(work.FullName, "Client"), "--class-name", "ProfileApiClient", "--namespace-name", "ProfileFunctions.Generated", "--exclude-backward-compatible", "--log-level", "Error");
            output.WriteLine($"generated in {clock.Elapsed.TotalSeconds:F0} s");
            await RunAsync(work.FullName, TimeSpan.FromMinutes(5), "build", "--configuration", "Release", "--nologo", "--verbosity", "quiet", "-p:WarningLevel=0");
            output.WriteLine($"built in {clock.Elapsed.TotalSeconds:F0} s");

            int port = FreePort.Next();
            string baseUrl = $"http://127.0.0.1:{port}";
            using var host = LocalHostProcess.Start(BuiltDll, api.Settings(), "--urls", baseUrl);
            await WaitUntilServingAsync(baseUrl);

            // A real JPEG for the client to store, and where it writes the 48x48 size it reads back, decoded here.
            string imagePath = Path.Combine(work.FullName, "photo.jpg");
            string sizePath = Path.Combine(work.FullName, "size-48x48");
            await File.WriteAllBytesAsync(imagePath, TestImages.Jpeg(640, 480), TestContext.Current.CancellationToken);

            string user = Paths.NewUser();
            string result = await RunAsync(
                work.FullName,
                TimeSpan.FromMinutes(2),
                Path.Combine(work.FullName, "bin", "Release", "net10.0", "GeneratedClient.dll"),
                baseUrl,
                api.Token(TokenRequest.Delegated(user)),
                user,
                api.Token(TokenRequest.Delegated(Paths.NewUser())),
                imagePath,
                sizePath);
            output.WriteLine(result);
            output.WriteLine($"whole test: {clock.Elapsed.TotalSeconds:F0} s");

            Assert.Contains("\"n\":1.50000000000000000001", result, StringComparison.Ordinal);
            Assert.Contains("GET photos -> 101 photos in 2 pages", result, StringComparison.Ordinal);
            Assert.Contains("GET $value -> a Stream of", result, StringComparison.Ordinal);
            Assert.Contains("equal to those sent", result, StringComparison.Ordinal);
            using (var size = SKBitmap.Decode(sizePath))
            {
                Assert.True(size is not null, "The 48x48 size the client read does not decode.");
                Assert.Equal((48, 36), (size.Width, size.Height));
            }

            foreach (string status in new[] { "400 BadRequest", "401 InvalidAuthenticationToken", "403 Authorization_RequestDenied", "404 ResourceNotFound", "409 Conflict", "413 RequestEntityTooLarge", "415 UnsupportedMediaType" })
            {
                Assert.Contains($"{status}: GraphErrorResponse.Message = ", result, StringComparison.Ordinal);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task WaitUntilServingAsync(string baseUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            try
            {
                if ((await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        Assert.Fail($"The local host did not serve {baseUrl}/healthz within 60 s.");
    }
}
