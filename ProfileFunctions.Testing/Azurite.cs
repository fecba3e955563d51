using System.Diagnostics;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ProfileFunctions.Testing;

/// <summary>
/// A real Azurite, its Table and Blob services each on a free loopback port, in memory, in one process stopped by its
/// own PID. (Azurite's all-services command also starts a Queue service, given a free port too, and unused.)
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's documented development account; it exists only inside the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private Azurite(Process process, int port, int blobPort)
    {
        _process = process;
        Port = port;
        BlobPort = blobPort;
    }

    /// <summary>The Table service's port.</summary>
    public int Port { get; }

    public int BlobPort { get; }

    public Process Process => _process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName};BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};";

    public TableServiceClient Client => new(ConnectionString);

    public BlobServiceClient BlobClient => new(ConnectionString);

    public static async Task<Azurite> StartAsync()
    {
        string executable = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run npm ci in the repository root (./test.sh and bench/run.sh do).");
        }

        int port = FreePort.Next();
        int blobPort = FreePort.Next();
        int queuePort = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--tableHost", "127.0.0.1", "--tablePort", Invariant(port),
            "--blobHost", "127.0.0.1", "--blobPort", Invariant(blobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Invariant(queuePort),
            "--inMemoryPersistence", "--silent", "--disableTelemetry",

            // Azure.Storage.Blobs 12.30 speaks service version 2026-10-06, newer than Azurite 3.37 knows.
            "--skipApiVersionCheck",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new Azurite(process, port, blobPort);
        await azurite.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60));
        await azurite.WaitUntilListeningAsync(blobPort, TimeSpan.FromSeconds(60));
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Invariant(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within {timeout.TotalSeconds} s.");
    }
}
