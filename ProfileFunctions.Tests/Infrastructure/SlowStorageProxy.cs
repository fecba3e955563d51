using System.Net;
using System.Net.Sockets;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// A TCP proxy in front of a storage endpoint that forwards every request at once (so storage commits it) but, while
/// <see cref="Hold"/> is set, holds the first response on every other new connection for that long:
/// longer than the storage client's attempt timeout, so the client gives up on a write that did happen and retries it
/// on a new connection (which, holding every other one, answers at once). That is slow storage as Azure shows it
/// under load, made repeatable. With <see cref="HoldAll"/>, every response waits: storage slower than the API's budget.
/// With <see cref="HoldWrites"/>, a request that writes (any method but GET) is never forwarded: storage never sees it,
/// as when the process that sent it dies first.
/// </summary>
internal sealed class SlowStorageProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _open = [];
    private int _connections;
    private int _heldResponses;
    private int _heldWrites;

    public SlowStorageProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How long a held response waits; null forwards everything at once.</summary>
    public TimeSpan? Hold { get; set; }

    /// <summary>Hold every response on every connection, open or new, rather than every other new connection's first.</summary>
    public bool HoldAll { get; set; }

    /// <summary>Never forward a request that writes, from when this is set.</summary>
    public bool HoldWrites { get; set; }

    /// <summary>How many writing requests were held back from storage.</summary>
    public int HeldWrites => Volatile.Read(ref _heldWrites);

    /// <summary>How many responses were held.</summary>
    public int HeldResponses => Volatile.Read(ref _heldResponses);

    /// <summary>A Table Storage connection string for Azurite's development account, through this proxy.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            _open.ForEach(item => item.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                bool held = Interlocked.Increment(ref _connections) % 2 == 0;
                _ = RelayAsync(client, held ? Hold : null);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client, TimeSpan? hold)
    {
        using var upstream = new TcpClient();
        using (client)
        {
            lock (_open)
            {
                _open.Add(client);
                _open.Add(upstream);
            }

            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var toStorage = PumpAsync(client.GetStream(), upstream.GetStream(), responses: false, hold: null);
                var toClient = PumpAsync(upstream.GetStream(), client.GetStream(), responses: true, hold);

                // Either side closing ends the relay: a client that timed out closes its connection, and so the held one.
                await Task.WhenAny(toStorage, toClient);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // A side went away.
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool responses, TimeSpan? hold)
    {
        byte[] buffer = new byte[16 * 1024];
        bool first = true;
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                var wait = first ? hold : null;
                wait ??= responses && HoldAll ? Hold : null;
                if (wait is { } delay)
                {
                    Interlocked.Increment(ref _heldResponses);

                    await Task.Delay(delay, _stop.Token);
                }

                // A request's first bytes are its method; the SDK writes the request line and headers in one go.
                if (!responses && HoldWrites && !buffer.AsSpan(0, read).StartsWith("GET "u8))
                {
                    Interlocked.Increment(ref _heldWrites);
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                first = false;
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // A side went away.
        }
    }
}
