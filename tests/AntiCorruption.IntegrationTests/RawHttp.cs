using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AntiCorruption.IntegrationTests;

/// <summary>An answer as the server wrote it on the wire, and what came after it on the connection.</summary>
public sealed record RawResponse(string StatusLine, int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, byte[] Rest)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends one request byte for byte on a connection of its own, for what HttpClient would tidy up
/// or refuse to send (dot segments, a NUL in the path, a request line or headers over the
/// server's limits, broken chunked framing), and reads the answer until the server closes.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, string request) => await SendAsync(server, Encoding.UTF8.GetBytes(request));

    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read all of a request it refuses.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    /// <summary>The first answer in <paramref name="wire"/>.</summary>
    public static RawResponse Parse(byte[] wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var end = wire.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"No complete answer: {Encoding.UTF8.GetString(wire)}");
        }

        var lines = Encoding.ASCII.GetString(wire, 0, end).Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var content = wire[(end + 4)..];
        // An answer to HEAD declares a length and sends nothing: the body is what is there, up to that length.
        var (body, length) = headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Equals("chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(content)
            : headers.TryGetValue("Content-Length", out var declared) ? Prefix(content, int.Parse(declared, CultureInfo.InvariantCulture))
            : (content, content.Length);
        return new RawResponse(lines[0], int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture), headers, body, content[length..]);
    }

    private static (byte[] Body, int Length) Prefix(byte[] content, int declared)
    {
        var length = Math.Min(declared, content.Length);
        return (content[..length], length);
    }

    private static (byte[] Body, int Length) Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8) + at;
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            body.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
            if (size == 0)
            {
                return (body.ToArray(), at);
            }
        }
    }
}
