using System.Net;
using System.Text;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Tests.Shopify;
using Retention.Tests.Support;
using Retention.Core.Shopify;
using Retention.Pipeline.Shopify;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention shops add</c> with a platform's settings, then that platform's signed delivery to the local host: the
/// real command line writes the settings file the running host reads, and no one edits that file by hand.
/// </summary>
public class ShopsAddPlatformTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    // Test values, not secrets of anything: a Shopify app's API secret is 32 hex digits after its prefix.
    private const string ShopifySecret = "shpss_0123456789abcdef0123456789abcdef";
    private const string WooCommerceSecret = "ck-7Hq x!9&Lm2#Pz4^Wv8*Rt6(Ys3)Nb5-woo";

    private async Task<RetentionCli.Result> ShopsAddAsync(string shop, params string[] options)
    {
        var result = await RetentionCli.RunAsync(["shops", "add", "--shop", shop, "--timezone", "America/New_York", "--currency", "USD", .. options,
            "--storage", pipeline.Azurite.ConnectionString, "--settings", pipeline.Settings.Path]);
        Assert.True(result.ExitCode == 0, $"shops add exited with {result.ExitCode}: {result.Error}");
        return result;
    }

    /// <summary>The host reloads the settings file on change; a delivery sent before it has must not be what is tested.</summary>
    private static async Task WaitUntilAsync(Func<bool> seen, string what)
    {
        for (var i = 0; i < 400 && !seen(); i++) await Task.Delay(25);
        Assert.True(seen(), $"the host did not see {what} within 10 s");
    }

    [Fact]
    public async Task Shopify_domain_and_secret_given_to_shops_add_verify_a_shopify_delivery()
    {
        const string shop = "cli-shopify";
        var added = await ShopsAddAsync(shop, "--shopify-domain", "CLI-Shopify.myshopify.com", "--shopify-secret", ShopifySecret);
        Assert.DoesNotContain(ShopifySecret, added.Output + added.Error);
        Assert.Contains("cli-shopify.myshopify.com", added.Output);
        var store = pipeline.Service<ShopifySettingsStore>();
        await WaitUntilAsync(() => store.Find(shop) is not null, "the Shopify settings");

        var body = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate);
        using (var accepted = await PostShopifyAsync(shop, body, ShopifySecret, "cli-shopify.myshopify.com", "cli-wh-1"))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using (var forged = await PostShopifyAsync(shop, body, "shpss_not-the-app-secret-at-all-000", "cli-shopify.myshopify.com", "cli-wh-2"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await pipeline.DrainAsync();
        Assert.NotNull(await pipeline.Service<OrderTable>().FindAsync(shop, "820982911946154508", default));
    }

    [Fact]
    public async Task A_woocommerce_secret_given_to_shops_add_verifies_woocommerce_deliveries_and_the_webhook_secret_no_longer_does()
    {
        const string shop = "cli-woo";
        var added = await ShopsAddAsync(shop, "--woocommerce-secret", WooCommerceSecret);
        Assert.DoesNotContain(WooCommerceSecret, added.Output + added.Error);
        var credentials = pipeline.Service<ShopCredentialStore>();
        await WaitUntilAsync(() => credentials.Find(shop)?.WooCommerceSecret == WooCommerceSecret, "the WooCommerce secret");
        var webhookSecret = credentials.Find(shop)!.WebhookSecret;

        var order = File.ReadAllBytes(RepositoryRoot.Shared("reference", "webhooks", "woocommerce_order_727.json"));
        using (var accepted = await WooCommerceDelivery.PostAsync(pipeline, shop, WooCommerceSecret, "order.created", order, "cli-d-1"))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // The Standard Webhooks secret signs the generic routes; once the store has its own, it opens this route no more.
        using (var withWebhookSecret = await WooCommerceDelivery.PostAsync(pipeline, shop, webhookSecret, "order.created", order, "cli-d-2"))
            Assert.Equal(HttpStatusCode.Unauthorized, withWebhookSecret.StatusCode);
        await pipeline.DrainAsync();
        Assert.NotNull(await pipeline.Service<OrderTable>().FindAsync(shop, "727", default));
        Assert.Equal(1, await pipeline.RawEventCountAsync(shop));
    }

    [Fact]
    public async Task Without_a_woocommerce_secret_the_webhook_secret_signs_woocommerce_deliveries_as_before()
    {
        const string shop = "cli-woo-default";
        await ShopsAddAsync(shop);
        var credentials = pipeline.Service<ShopCredentialStore>();
        await WaitUntilAsync(() => credentials.Find(shop) is not null, "the shop's secrets");

        var order = File.ReadAllBytes(RepositoryRoot.Shared("reference", "webhooks", "woocommerce_order_727.json"));
        using var accepted = await WooCommerceDelivery.PostAsync(pipeline, shop, credentials.Find(shop)!.WebhookSecret, "order.created", order, "cli-d-3");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private Task<HttpResponseMessage> PostShopifyAsync(string shop, byte[] body, string secret, string domain, string webhookId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/shopify/{shop}") { Content = new ByteArrayContent(body) };
        request.Headers.Add(ShopifySignature.TopicHeader, "orders/create");
        request.Headers.Add(ShopifySignature.HmacHeader, ShopifySignature.Sign(secret, body));
        request.Headers.Add(ShopifySignature.ShopDomainHeader, domain);
        request.Headers.Add(ShopifySignature.WebhookIdHeader, webhookId);
        return pipeline.Http.SendAsync(request);
    }
}
