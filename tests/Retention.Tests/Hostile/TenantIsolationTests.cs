using System.Globalization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Shopify;

namespace Retention.Tests.Hostile;

/// <summary>
/// Shop A's credentials never reach shop B's data: every POST route with B in the path, signed with A's Standard
/// Webhooks secret, A's Shopify app secret and domain (also where both shops share one app, and for shop/redact), or A's
/// WooCommerce secret, is refused with 401 before anything of B is looked at, and nothing of A or B changes; odd
/// spellings of B's id in the path find no shop. The GET routes show nothing of any shop.
/// </summary>
public class TenantIsolationTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task Shop_As_credentials_on_shop_Bs_routes_are_refused_and_change_nothing_of_either()
    {
        var a = await HostileShop.RegisterAsync(pipeline, "tenant-a");
        var b = await HostileShop.RegisterAsync(pipeline, "tenant-b");
        // Two shops on one Shopify app: the same app secret signs both shops' deliveries, so only the domain tells them apart.
        var appA = await HostileShop.RegisterAsync(pipeline, "tenant-app-a", shopifySecret: "shpss_shared_app");
        var appB = await HostileShop.RegisterAsync(pipeline, "tenant-app-b", shopifySecret: "shpss_shared_app");
        foreach (var shop in new[] { a, b, appA, appB })
            foreach (var route in SignedRoute.All)
            {
                using var response = await pipeline.Http.SendAsync(route.Request(shop, route.Body(id: IdOf(route, shop)), "own-" + route.Name));
                Assert.Equal(route.AcceptedStatus, (int)response.StatusCode);
            }
        await pipeline.DrainAsync();
        var before = await StateAsync(a, b, appA, appB);

        var attacks = new List<(string Name, Func<string, HttpRequestMessage> Request)>();
        foreach (var route in SignedRoute.All)
            attacks.Add(($"{route} with A's credentials", id => route.Request(a, route.Body(id: IdOf(route, b)), id, pathShop: b.Id)));
        attacks.Add(("shopify with A's app secret and B's domain", id => WithDomain(SignedRoute.Shopify.Request(a, SignedRoute.Shopify.Body(), id, pathShop: b.Id), b.ShopifyDomain)));
        attacks.Add(("shopify on a shared app, with A's domain", id => SignedRoute.Shopify.Request(appA, SignedRoute.Shopify.Body(), id, pathShop: appB.Id)));
        attacks.Add(("shopify shop/redact with A's app secret and domain", id => WithTopic(SignedRoute.Shopify.Request(a, ShopRedact(a), id, pathShop: b.Id), "shop/redact")));
        attacks.Add(("shopify shop/redact on a shared app, with A's domain", id => WithTopic(SignedRoute.Shopify.Request(appA, ShopRedact(appA), id, pathShop: appB.Id), "shop/redact")));
        // The same delivery id B already used: a refusal must come before any lookup that could tell it was seen.
        attacks.Add(("generic with A's secret and B's own delivery id", _ => SignedRoute.Generic.Request(a, SignedRoute.Generic.Body(), "own-generic", pathShop: b.Id)));

        var refusals = new List<string>();
        foreach (var (name, make) in attacks)
        {
            using var response = await pipeline.Http.SendAsync(make("attack-" + attacks.FindIndex(x => x.Name == name)));
            var answer = await HostileAnswer.ReadAsync(response);
            if (answer is not { Status: 401, IsProblem: true } || Mentions(answer.Text, b, appB))
                refusals.Add($"{name}: {answer}");
        }
        // B's id spelled otherwise in the path is no shop at all, whoever signed.
        foreach (var path in new[] { "TENANT-B", "tenant-b%20", "tenant-b%00", "tenant-a%2Ftenant-b", "..%2Ftenant-b", "tenant-b%2F.." })
        {
            using var response = await pipeline.Http.SendAsync(SignedRoute.Generic.Request(b, SignedRoute.Generic.Body(), "odd-path", pathShop: path));
            var answer = await HostileAnswer.ReadAsync(response);
            if (answer.Status is not (400 or 401 or 404)) refusals.Add($"path {path}: {answer}");
        }

        Assert.True(refusals.Count == 0, string.Join("\n", refusals));
        await pipeline.DrainAsync();
        Assert.Equal(before, await StateAsync(a, b, appA, appB));
        Assert.Equal(0, await ShopFootprint.PoisonedAsync(pipeline));
    }

    [Fact]
    public async Task The_GET_routes_show_nothing_of_any_shop()
    {
        var shop = await HostileShop.RegisterAsync(pipeline, "tenant-get");
        using (var response = await pipeline.Http.SendAsync(SignedRoute.Generic.Request(shop, SignedRoute.Generic.Body(id: "\"secret-order-77\""), "get-1")))
            Assert.Equal(202, (int)response.StatusCode);
        await pipeline.DrainAsync();

        // Every GET route the host maps; a new one (a report per shop, say) must bring its own isolation case here.
        var gets = pipeline.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(["/api/health", "/api/report/{shop}", "/api/report/{shop}/{date}", "/report/{shop}"], gets.Order(StringComparer.Ordinal));

        // A shop's report opens with its own key only: another shop's key, or none, is a 401 that shows nothing.
        var other = await HostileShop.RegisterAsync(pipeline, "tenant-get-other");
        await pipeline.Service<Retention.Pipeline.Snapshots.SnapshotService>().ComputeAsync(shop.Id, new DateOnly(2025, 3, 31), default);
        foreach (var path in new[] { $"api/report/{shop.Id}", $"api/report/{shop.Id}?key={pipeline.ReportKey(other.Id)}", $"report/{shop.Id}?key={pipeline.ReportKey(other.Id)}",
                     $"api/report/{shop.Id}/2025-03-31?key={pipeline.ReportKey(other.Id)}" })
        {
            using var refused = await pipeline.Http.GetAsync(path);
            Assert.Equal(401, (int)refused.StatusCode);
            Assert.DoesNotContain("secret-order-77", await refused.Content.ReadAsStringAsync());
        }
        using (var own = await pipeline.Http.GetAsync($"api/report/{shop.Id}/2025-03-31?key={pipeline.ReportKey(shop.Id)}"))
            Assert.Equal(200, (int)own.StatusCode);

        using var health = await pipeline.Http.GetAsync("api/health");
        var text = await health.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)health.StatusCode);
        foreach (var needle in new[] { shop.Id, "secret-order-77", "c-1", shop.Credentials.WebhookSecret, shop.ShopifySecret })
            Assert.DoesNotContain(needle, text);
        // A POST route asked with GET answers 405 and nothing else.
        using var get = await pipeline.Http.GetAsync($"api/webhooks/generic/{shop.Id}");
        Assert.Equal(405, (int)get.StatusCode);
        Assert.DoesNotContain("secret-order-77", await get.Content.ReadAsStringAsync());
    }

    /// <summary>An id per shop, so that B's rows, if A ever wrote there, would show A's ids.</summary>
    private static string? IdOf(SignedRoute route, HostileShop shop) => route.IdField is null ? null : route == SignedRoute.Generic || route == SignedRoute.Feedback
        ? $"\"{shop.Id}-1\"" : (shop.Id.GetHashCode() & 0x7fffffff).ToString(CultureInfo.InvariantCulture);

    private static byte[] ShopRedact(HostileShop shop) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"shop_id":954889,"shop_domain":"{{shop.ShopifyDomain}}"}""");

    private static HttpRequestMessage WithDomain(HttpRequestMessage request, string domain)
    {
        request.Headers.Remove(ShopifySignature.ShopDomainHeader);
        request.Headers.Add(ShopifySignature.ShopDomainHeader, domain);
        return request;
    }

    private static HttpRequestMessage WithTopic(HttpRequestMessage request, string topic)
    {
        request.Headers.Remove(ShopifySignature.TopicHeader);
        request.Headers.Add(ShopifySignature.TopicHeader, topic);
        return request;
    }

    private static bool Mentions(string text, params HostileShop[] shops) =>
        shops.Any(s => text.Contains(s.Id + "-1", StringComparison.Ordinal) || text.Contains(s.Credentials.CustomerIdSalt, StringComparison.Ordinal));

    /// <summary>Every row and blob of each shop by table or container, with the ETags of its order rows: any write shows.</summary>
    private async Task<System.Collections.Immutable.ImmutableDictionary<string, string>> StateAsync(params HostileShop[] shops)
    {
        var state = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var shop in shops)
        {
            foreach (var (place, count) in await ShopFootprint.EverythingAsync(pipeline, shop.Id)) state[$"{shop.Id}/{place}"] = count.ToString(CultureInfo.InvariantCulture);
            var rows = new List<string>();
            await foreach (var row in pipeline.Storage.Table(StorageNames.OrdersTable).QueryAsync<Azure.Data.Tables.TableEntity>())
                if (row.PartitionKey.StartsWith(shop.Id + ":", StringComparison.Ordinal)) rows.Add($"{row.RowKey}@{row.ETag}");
            state[$"{shop.Id}/order-etags"] = string.Join(",", rows.Order());
        }
        return state.ToImmutable();
    }
}
