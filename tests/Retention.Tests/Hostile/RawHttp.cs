using System.Net.Sockets;
using System.Text;

namespace Retention.Tests.Hostile;

/// <summary>
/// HTTP/1.1 over a bare TCP socket, for what HttpClient refuses to send: CR, LF or NUL inside a header value, bytes
/// that are not ASCII, folded header lines, conflicting lengths. The request is written as given and the answer read
/// until Kestrel closes the connection (every request says <c>Connection: close</c>).
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body)
    {
        public override string ToString() => $"{Status} {Body}";
    }

    /// <summary>The request line, Host, the message's headers and content headers, then <paramref name="extraHeaderLines"/>
    /// (raw bytes, each ending in CRLF) and the body with its Content-Length.</summary>
    public static async Task<byte[]> SerializeAsync(HttpRequestMessage request, byte[]? extraHeaderLines = null, string? skipHeader = null)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var head = new MemoryStream();
        void Line(string text) => head.Write(Encoding.UTF8.GetBytes(text + "\r\n"));
        Line($"{request.Method} /{request.RequestUri} HTTP/1.1");
        Line("Host: 127.0.0.1");
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>());
        foreach (var (name, values) in headers)
            if (!string.Equals(name, skipHeader, StringComparison.OrdinalIgnoreCase) && name != "Content-Length")
                foreach (var value in values) Line($"{name}: {value}");
        Line($"Content-Length: {body.Length}");
        Line("Connection: close");
        if (extraHeaderLines is not null) head.Write(extraHeaderLines);
        head.Write("\r\n"u8);
        head.Write(body);
        return head.ToArray();
    }

    public static async Task<Answer> SendAsync(Uri server, byte[] request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        return await ReadAnswerAsync(stream, timeout.Token);
    }

    /// <summary>Reads one answer to the end of the connection.</summary>
    public static async Task<Answer> ReadAnswerAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancellationToken);
        }
        catch (IOException) when (received.Length > 0)
        {
            // Kestrel may reset the connection once it has answered a request it did not read to the end.
        }
        return Parse(received.ToArray());
    }

    public static Answer Parse(byte[] response)
    {
        var text = Encoding.UTF8.GetString(response);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = end < 0 ? "" : text[(end + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        return new Answer(status, head, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0) break;
            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.ToString();
    }
}
