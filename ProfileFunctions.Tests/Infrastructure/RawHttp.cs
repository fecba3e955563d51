using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 written by hand over a socket, for what HttpClient refuses to send: control characters in a header, a body
/// that stalls or trickles, broken chunked framing. The answer is read while the body is still being sent, as a server
/// may answer (and close) before the client has finished.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends <paramref name="head"/> (request line and headers, ending in an empty line), then each piece of the body with <paramref name="pause"/> after it, and then keeps the connection open until the server answers.</summary>
    public static async Task<HttpResponseMessage> SendAsync(Uri server, string head, IReadOnlyList<byte[]> body, TimeSpan pause, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(AnswerTimeout);

        var sending = SendBodyAsync(stream, Encoding.Latin1.GetBytes(head), body, pause, stop.Token);
        byte[] answer = await ReadToEndAsync(stream, stop.Token);
        await stop.CancelAsync();
        await sending;
        return Parse(answer);
    }

    /// <summary>A request head: the request line, the headers given (each "Name: value"), and the empty line.</summary>
    public static string Head(string method, string path, params string[] headers) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{string.Concat(headers.Select(header => header + "\r\n"))}\r\n";

    private static async Task SendBodyAsync(NetworkStream stream, byte[] head, IReadOnlyList<byte[]> body, TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(head, cancellationToken);
            foreach (byte[] piece in body)
            {
                await stream.WriteAsync(piece, cancellationToken);
                await Task.Delay(pause, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server answered and closed before the client finished, or the answer is in: the rest is never sent.
        }
    }

    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var answer = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                answer.Write(buffer, 0, read);
                if (IsComplete(answer.GetBuffer().AsSpan(0, (int)answer.Length)))
                {
                    break;
                }
            }
        }
        catch (IOException) when (answer.Length > 0)
        {
            // A reset after the answer arrived.
        }

        return answer.ToArray();
    }

    /// <summary>Whether the bytes hold a whole response: its head, and the body its Content-Length or last chunk ends.</summary>
    private static bool IsComplete(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        string head = Encoding.Latin1.GetString(bytes[..end]);
        var body = bytes[(end + 4)..];
        if (Header(head, "Content-Length") is { } length)
        {
            return body.Length >= int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
        }

        return Header(head, "Transfer-Encoding") is not { } encoding || !encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? head.StartsWith("HTTP/1.1 304", StringComparison.Ordinal)
            : body.EndsWith("0\r\n\r\n"u8);
    }

    private static string? Header(string head, string name) =>
        head.Split("\r\n").Skip(1).Select(line => line.Split(':', 2)).FirstOrDefault(pair => pair.Length == 2 && pair[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();

    private static HttpResponseMessage Parse(byte[] answer)
    {
        int end = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, $"No HTTP response arrived; received: {Encoding.Latin1.GetString(answer)}");
        string[] lines = Encoding.Latin1.GetString(answer, 0, end).Split("\r\n");
        var response = new HttpResponseMessage((HttpStatusCode)int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        byte[] body = answer[(end + 4)..];
        var contentHeaders = new List<(string Name, string Value)>();
        foreach (string line in lines.Skip(1))
        {
            string[] pair = line.Split(':', 2);
            string name = pair[0].Trim();
            string value = pair[1].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                body = Dechunk(body);
            }
            else if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                contentHeaders.Add((name, value));
            }
        }

        response.Content = new ByteArrayContent(body);
        foreach (var (name, value) in contentHeaders)
        {
            response.Content.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        int position = 0;
        while (true)
        {
            int lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            int size = Convert.ToInt32(Encoding.Latin1.GetString(chunked, position, lineEnd).Split(';')[0], 16);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, position + lineEnd + 2, size);
            position += lineEnd + 2 + size + 2;
        }
    }
}
