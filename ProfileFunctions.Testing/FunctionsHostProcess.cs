using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProfileFunctions.Testing;

/// <summary>
/// The Functions app under Azure Functions Core Tools (<c>func start</c>), as <c>dotnet run</c> of a Functions project
/// runs it: in the app's build output, settings in environment variables, stopped with its worker by its own PID.
/// Only where <c>func</c> is installed; <see cref="Lane"/> says whether the tests target it.
/// </summary>
public sealed class FunctionsHostProcess : IDisposable
{
    /// <summary>Set to <c>functions</c> to run the HTTP tests against this host instead of the in-memory local host.</summary>
    public const string LaneVariable = "PROFILEFUNCTIONS_TEST_HOST";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private FunctionsHostProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>True when this test run targets the Functions host.</summary>
    public static bool Lane => Environment.GetEnvironmentVariable(LaneVariable) == "functions";

    public Uri BaseAddress { get; }

    public static async Task<FunctionsHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        string output = Path.Combine(RepositoryRoot.Path, "ProfileFunctions", "bin", "Release", "net10.0");
        if (!File.Exists(Path.Combine(output, "functions.metadata")))
        {
            throw new InvalidOperationException($"The Functions app is not built at {output}: the test project builds it (dotnet build -c Release).");
        }

        int port = FreePort.Next();
        var start = new ProcessStartInfo("func")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "start", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // HTTP triggers only: function keys on the file system, so the host needs no storage account of its own.
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AzureWebJobsSecretStorageType"] = "files";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("func did not start.");
        var host = new FunctionsHostProcess(process, port);
        process.OutputDataReceived += (_, line) => host.Record(line.Data);
        process.ErrorDataReceived += (_, line) => host.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilServingAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    // Serving means a function answered: /healthz goes through the worker, which the host starts after listening.
    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        lock (_output)
        {
            throw new InvalidOperationException($"func start did not serve /healthz within {timeout.TotalSeconds} s. Its output:\n{_output}");
        }
    }
}
