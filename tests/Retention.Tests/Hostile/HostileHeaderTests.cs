using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Retention.Core.Webhooks;
using Retention.Tests.Support;
using Retention.Core.Shopify;

namespace Retention.Tests.Hostile;

/// <summary>
/// Hostile headers on every POST route, with a valid body: signatures over another body or from another shop, repeated,
/// empty, malformed or oversized; delivery ids too long, not ASCII, or carrying CR/LF to inject a header; NUL and folded
/// lines; conflicting lengths; stale, future and malformed timestamps; any content type. Each is answered as listed,
/// never with a 5xx, and a refusal stores nothing. What HttpClient will not send goes over a raw socket (<see cref="RawHttp"/>).
/// </summary>
public class HostileHeaderTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private const int Accepted = 0;

    /// <summary>One way to send a delivery, the statuses it may get (<see cref="Accepted"/>: the route's own), and the problem's field if any.</summary>
    private sealed record HeaderCase(string Name, Func<string, Task<(int Status, string? Field, string Text)>> Send, int[] Expected, string? Field = null);

    [Theory]
    [MemberData(nameof(SignedRoute.Names), MemberType = typeof(SignedRoute))]
    public async Task Every_hostile_header_is_answered_4xx_without_storing_and_never_5xx(string routeName)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, "head-" + route.Name);
        var other = await HostileShop.RegisterAsync(pipeline, "head-other-" + route.Name);
        var failures = new List<string>();
        var accepted = 0;
        var cases = Cases(route, shop, other).ToList();

        foreach (var @case in cases)
        {
            var before = await ShopFootprint.RequestWritesAsync(pipeline, shop.Id);
            var (status, field, text) = await @case.Send("h-" + cases.IndexOf(@case));
            var after = await ShopFootprint.RequestWritesAsync(pipeline, shop.Id);
            var expected = @case.Expected.Select(s => s == Accepted ? route.AcceptedStatus : s).ToArray();
            if (expected.Contains(route.AcceptedStatus) && status == route.AcceptedStatus) accepted++;
            if (!expected.Contains(status)) failures.Add($"{@case.Name}: expected {string.Join(" or ", expected)}, got {status} {text}");
            else if (@case.Field is { } name && !string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
                failures.Add($"{@case.Name}: expected the field '{name}', got {status} {text}");
            else if (status != route.AcceptedStatus && after != before)
                failures.Add($"{@case.Name}: refused with {status}, yet {after - before} blob(s) or row(s) were stored");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases on {route}:\n" + string.Join("\n", failures));
        await pipeline.DrainAsync();
        Assert.Equal(0, await ShopFootprint.PoisonedAsync(pipeline));
        Assert.Equal(accepted, await ShopFootprint.RequestWritesAsync(pipeline, shop.Id));
        Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, other.Id));
    }

    [Fact]
    public async Task Delivery_ids_of_dots_each_keep_their_own_raw_event_and_are_all_processed()
    {
        // "." and ".." are URL path segments that resolve away: "{shop}/generic/.." was the blob "{shop}/", shared by
        // every route's "..", so the second was taken for a redelivery and lost, and its message poisoned.
        var shop = await HostileShop.RegisterAsync(pipeline, "head-dots");
        foreach (var (route, id) in new[] { (SignedRoute.Generic, ".."), (SignedRoute.Feedback, ".."), (SignedRoute.Generic, "."), (SignedRoute.Feedback, "x.") })
        {
            using var response = await pipeline.Http.SendAsync(route.Request(shop, route.Body(id: $"\"{route}{id}\""), id));
            var answer = await HostileAnswer.ReadAsync(response);
            Assert.True(answer is { Status: 202 } && answer.Text.Contains($"\"eventId\":\"{id}\""), $"{route} {id}: {answer}");
        }
        await pipeline.DrainAsync();
        Assert.Equal(0, await ShopFootprint.PoisonedAsync(pipeline));
        Assert.Equal(4, await pipeline.RawEventCountAsync(shop.Id));
        Assert.Equal(["generic.", "generic.."], (await pipeline.Service<Retention.Pipeline.Storage.OrderTable>().ReadShopAsync(shop.Id, default))
            .Select(o => o.OrderId).Order());
        Assert.Equal(["feedback..", "feedbackx."], (await pipeline.Service<Retention.Pipeline.Feedback.FeedbackTable>().ReadShopAsync(shop.Id, default))
            .Select(a => a.AnswerId).Order());
    }

    private IEnumerable<HeaderCase> Cases(SignedRoute route, HostileShop shop, HostileShop other)
    {
        var body = route.Body();
        HeaderCase Http(string name, int[] expected, Action<HttpRequestMessage>? tamper = null, string? field = null, Func<string, HttpRequestMessage>? make = null) =>
            new(name, async id =>
            {
                using var request = make?.Invoke(id) ?? route.Request(shop, body, id);
                tamper?.Invoke(request);
                using var response = await pipeline.Http.SendAsync(request);
                var answer = await HostileAnswer.ReadAsync(response);
                return (answer.Status, answer.Field, answer.Text);
            }, expected, field);
        HeaderCase Raw(string name, int[] expected, Func<string, Task<byte[]>> make, string? field = null) =>
            new(name, async id =>
            {
                var answer = await RawHttp.SendAsync(pipeline.Http.BaseAddress!, await make(id));
                var problemField = answer.Body.Contains("\"field\"") ? System.Text.Json.JsonDocument.Parse(answer.Body).RootElement.GetProperty("field").GetString() : null;
                return (answer.Status, problemField, answer.Body);
            }, expected, field);
        void Replace(HttpRequestMessage request, string header, string value)
        {
            request.Headers.Remove(header);
            request.Headers.TryAddWithoutValidation(header, value);
        }
        string Signature(HttpRequestMessage request) => request.Headers.GetValues(route.SignatureHeader).Single();
        // A signed request, written out with the signature line removed and raw header lines added instead.
        Func<string, Task<byte[]>> RawWith(Func<HttpRequestMessage, string> extraLines, string? skip = null) => async id =>
        {
            using var request = route.Request(shop, body, id);
            return await RawHttp.SerializeAsync(request, Encoding.UTF8.GetBytes(extraLines(request)), skip);
        };
        Func<string, Task<byte[]>> RawBytes(Func<string, byte[]> idBytes) => async id =>
        {
            using var request = route.Request(shop, body, id);
            return await RawHttp.SerializeAsync(request, [.. Encoding.ASCII.GetBytes("X-Note: "), .. idBytes(id), .. "\r\n"u8]);
        };

        // Signatures.
        yield return Http("signed over another body", [401], r => r.Content = Json(route.Body(amount: route.Valid.Amount == "9" ? "10" : "\"1.00\"")));
        yield return Http("signed with another shop's secret", [401], make: id => route.Request(other, body, id, pathShop: shop.Id));
        yield return Http("no signature header", [401], r => r.Headers.Remove(route.SignatureHeader));
        yield return Http("an empty signature", [401], r => Replace(r, route.SignatureHeader, ""));
        yield return Http("a signature that is not base64", [401], r => Replace(r, route.SignatureHeader, route.IsStandardWebhooks ? "v1,!!!" : "!!!"));
        yield return Http("a signature in hex", [401], r => Replace(r, route.SignatureHeader, Convert.ToHexString(new byte[32])));
        yield return Http("an 8 KB signature", [401], r => Replace(r, route.SignatureHeader, string.Join(' ', Enumerable.Repeat("v1," + Convert.ToBase64String(new byte[32]), 180))));
        yield return Http("a 40 KB signature (past Kestrel's 32 KB of headers)", [431], r => Replace(r, route.SignatureHeader, new string('A', 40 * 1024)));
        yield return Http("the valid signature and a bogus one, comma-joined", [401], r => Replace(r, route.SignatureHeader, Signature(r) + ", " + Signature(r)[..^4] + "AAA="));
        yield return Raw("the signature header twice, the valid one first", [401],
            RawWith(r => $"{route.SignatureHeader}: {Signature(r)}\r\n{route.SignatureHeader}: AAAA\r\n", skip: route.SignatureHeader));

        // Delivery ids.
        yield return Http("a 257-character delivery id", [400], make: id => route.Request(shop, body, id + new string('x', 257)), field: route.IdHeader);
        yield return Http("a delivery id with a space", [400], make: id => route.Request(shop, body, id + " x"), field: route.IdHeader);
        yield return Raw("a delivery id in UTF-8 (not ASCII)", [400], async id =>
        {
            using var request = route.Request(shop, body, id + "-ünï");
            return await RawHttp.SerializeAsync(request);
        });
        yield return Raw("a Latin-1 byte in a header", [400], RawBytes(id => [.. Encoding.ASCII.GetBytes(id), 0xE9]));
        yield return Raw("CR LF in the delivery id injecting a second one", [400, 401],
            RawWith(r => $"{route.IdHeader}: {r.Headers.GetValues(route.IdHeader).Single()}\r\n{route.IdHeader}: injected\r\n", skip: route.IdHeader));
        yield return Http("delivery id '.'", [Accepted], make: id => route.Request(shop, body, "."));
        yield return Http("delivery id '..'", [Accepted], make: id => route.Request(shop, body, ".."));
        yield return Raw("a bare LF inside a header value", [400], RawBytes(id => [.. Encoding.ASCII.GetBytes(id), (byte)'\n', (byte)'x']));
        yield return Raw("a bare CR inside a header value", [400], RawBytes(id => [.. Encoding.ASCII.GetBytes(id), (byte)'\r', (byte)'x']));
        yield return Raw("a NUL inside a header value", [400], RawBytes(id => [.. Encoding.ASCII.GetBytes(id), 0, (byte)'x']));
        yield return Raw("a folded header line", [400], RawWith(_ => "X-Note: a\r\n  folded\r\n"));
        yield return Raw("a space before a header's colon", [400], RawWith(_ => "X-Note : a\r\n"));
        yield return Raw("two different Content-Length headers", [400], RawWith(_ => "Content-Length: 3\r\n"));

        // Content types: not read; the signed bytes are the event whatever the header says.
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-16" })
            yield return Http($"Content-Type {type}", [Accepted], r => r.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(type));
        yield return Http("no Content-Type", [Accepted], r => r.Content!.Headers.ContentType = null);

        if (route.IsStandardWebhooks)
        {
            yield return Http("several signatures, one of them valid (a rotation)", [Accepted],
                r => Replace(r, route.SignatureHeader, $"v1,{Convert.ToBase64String(new byte[32])} {Signature(r)} v1a,xyz"));
            yield return Http("the valid signature labelled v2", [401], r => Replace(r, route.SignatureHeader, "v2," + Signature(r)[3..]));
            yield return Http("no webhook-id", [401], r => r.Headers.Remove(StandardWebhookSignature.IdHeader));
            yield return Http("no webhook-timestamp", [401], r => r.Headers.Remove(StandardWebhookSignature.TimestampHeader));
            foreach (var (name, sentAt) in new[] { ("replayed 6 minutes later", TimeSpan.FromMinutes(-6)), ("a day old", TimeSpan.FromDays(-1)),
                         ("6 minutes in the future", TimeSpan.FromMinutes(6)), ("a year in the future", TimeSpan.FromDays(365)) })
                yield return Http($"signed correctly, timestamp {name}", [401], make: id => route.Request(shop, body, id, DateTimeOffset.UtcNow + sentAt));
            foreach (var timestamp in new[] { "0", "-1", "+1700000000", "1.7e9", "abc", "99999999999999999999", "253402300800", " 1700000000" })
                yield return Http($"timestamp '{timestamp}', signed over it", [401], r =>
                {
                    var id = r.Headers.GetValues(StandardWebhookSignature.IdHeader).Single();
                    Replace(r, StandardWebhookSignature.TimestampHeader, timestamp);
                    Replace(r, route.SignatureHeader, Sign(shop, id, timestamp, body));
                });
            yield return Http("timestamp changed after signing", [401], r =>
                Replace(r, StandardWebhookSignature.TimestampHeader, (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture)));
        }
        else if (route == SignedRoute.Shopify)
        {
            yield return Http("no X-Shopify-Topic", [400], r => r.Headers.Remove(ShopifySignature.TopicHeader), field: ShopifySignature.TopicHeader);
            yield return Http("no X-Shopify-Shop-Domain", [400], r => r.Headers.Remove(ShopifySignature.ShopDomainHeader), field: ShopifySignature.ShopDomainHeader);
            yield return Http("another shop's domain", [401], r => Replace(r, ShopifySignature.ShopDomainHeader, other.ShopifyDomain));
            yield return Http("a 10 KB shop domain", [401], r => Replace(r, ShopifySignature.ShopDomainHeader, new string('a', 10_000) + ".myshopify.com"));
            yield return Http("the app secret of another shop, with this shop's domain", [401],
                r => Replace(r, ShopifySignature.HmacHeader, ShopifySignature.Sign(other.ShopifySecret, body)));
        }
        else
        {
            yield return Http("a signed delivery without X-WC-Webhook-Topic", [400], r => r.Headers.Remove("X-WC-Webhook-Topic"), field: "X-WC-Webhook-Topic");
            yield return Http("a 129-character delivery id", [400], make: id => route.Request(shop, body, id + new string('x', 129)), field: route.IdHeader);
            yield return Http("a ping with 21 digits, unsigned", [401], r =>
            {
                r.Headers.Remove(route.SignatureHeader);
                r.Content = new ByteArrayContent(Encoding.ASCII.GetBytes("webhook_id=" + new string('9', 21)));
            });
        }
    }

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    /// <summary>The Standard Webhooks signature over any timestamp text, as a sender that writes it so would compute it.</summary>
    private static string Sign(HostileShop shop, string id, string timestamp, byte[] body)
    {
        StandardWebhookSignature.TryDecodeSecret(shop.Credentials.WebhookSecret, out var key);
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, content));
    }
}
