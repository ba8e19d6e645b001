using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Retention.Pipeline.Http;
using Retention.Tests.Support;

namespace Retention.Tests.Hostile;

/// <summary>
/// 10 MB bodies on every POST route: refused with 413 and nothing stored, and refused without being read whole. A
/// declared Content-Length over the 1 MiB limit is answered before a byte of the body is sent; a chunked body of
/// unknown length is answered once a little over 1 MiB has arrived, while the sender still has most of it to send.
/// </summary>
public class OversizedBodyTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    /// <summary>A valid event padded with an unknown field to 10 MB, so only its size is wrong.</summary>
    private static byte[] Padded(SignedRoute route) =>
        route.Body(extra: ",\"padding\":\"" + new string('x', TenMegabytes - route.Json().Length - 13) + "\"");

    [Theory]
    [MemberData(nameof(SignedRoute.Names), MemberType = typeof(SignedRoute))]
    public async Task A_signed_10_MB_body_is_refused_with_413_and_stores_nothing(string routeName)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, "big-" + route.Name);
        var body = Padded(route);
        Assert.Equal(TenMegabytes, body.Length);

        using var response = await pipeline.Http.SendAsync(route.Request(shop, body, "big-1"));
        var answer = await HostileAnswer.ReadAsync(response);

        Assert.True(answer is { Status: 413, IsProblem: true }, answer.ToString());
        Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, shop.Id));
    }

    [Theory]
    [MemberData(nameof(SignedRoute.Names), MemberType = typeof(SignedRoute))]
    public async Task A_declared_length_over_the_limit_is_answered_413_before_any_of_the_body_is_sent(string routeName)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, "declared-" + route.Name);
        using var request = route.Request(shop, Padded(route), "declared-1");
        var head = Head(request, $"Content-Length: {TenMegabytes}\r\n");

        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(head);
        // Not one byte of the body follows: had the route waited to read it, this would time out.
        var status = await ReadStatusAsync(stream);

        Assert.Equal(413, status);
        Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, shop.Id));
    }

    [Theory]
    [MemberData(nameof(SignedRoute.Names), MemberType = typeof(SignedRoute))]
    public async Task A_chunked_10_MB_body_is_answered_413_after_little_more_than_the_limit_arrived(string routeName)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, "chunked-" + route.Name);
        var body = Padded(route);
        using var request = route.Request(shop, body, "chunked-1");
        var head = Head(request, "Transfer-Encoding: chunked\r\n");

        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(head);
        var answer = ReadStatusAsync(stream);
        var sent = 0;
        // Paced, so that what the sender has written is close to what the route has read, not what socket buffers hold.
        while (sent < body.Length && !answer.IsCompleted)
        {
            var size = Math.Min(64 * 1024, body.Length - sent);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            await stream.WriteAsync(body.AsMemory(sent, size));
            await stream.WriteAsync("\r\n"u8.ToArray());
            sent += size;
            await Task.WhenAny(answer, Task.Delay(5));
        }

        Assert.Equal(413, await answer);
        Assert.True(sent < 3 * 1024 * 1024, $"the answer came after {sent:N0} bytes; the limit is {WebhookEndpoints.MaxBodyBytes:N0}");
        Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, shop.Id));
    }

    /// <summary>The request line and headers of a signed request, with <paramref name="framing"/> instead of its Content-Length.</summary>
    private static byte[] Head(HttpRequestMessage request, string framing)
    {
        var text = new StringBuilder($"POST /{request.RequestUri} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        foreach (var (name, values) in request.Headers.Concat(request.Content!.Headers).Where(h => h.Key != "Content-Length"))
            text.Append(CultureInfo.InvariantCulture, $"{name}: {string.Join(", ", values)}\r\n");
        return Encoding.ASCII.GetBytes(text.Append(framing).Append("\r\n").ToString());
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(pipeline.Http.BaseAddress!.Host, pipeline.Http.BaseAddress.Port);
        return client;
    }

    /// <summary>The status of the answer, as soon as its status line has arrived (not waiting for the connection to end).</summary>
    private static async Task<int> ReadStatusAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<byte>();
        var buffer = new byte[256];
        while (!Encoding.ASCII.GetString([.. received]).Contains("\r\n"))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) throw new IOException("the connection closed before an answer");
            received.AddRange(buffer.AsSpan(0, read));
        }
        return int.Parse(Encoding.ASCII.GetString([.. received]).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
