using System.Text;
using Retention.Core.Customers;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>The compliance bodies as Shopify documents them, read and archived without the e-mail or phone.</summary>
public class ShopifyPrivacyRequestTests
{
    private const string Salt = "salt-of-the-shop";

    private static ShopifyPrivacyRequest Prepare(string topic, string sample, out string archived)
    {
        var (request, bytes, problem) = ShopifyPrivacyRequestReader.Prepare(topic, Encoding.UTF8.GetBytes(sample), Salt);
        Assert.Null(problem);
        archived = Encoding.UTF8.GetString(bytes!);
        return request!;
    }

    [Fact]
    public void A_data_request_names_the_customer_by_id_and_email_hash_and_keeps_the_orders_and_request_id()
    {
        var request = Prepare(ShopifyPrivacyTopics.DataRequest, ShopifyTopicSamples.CustomersDataRequest, out var archived);

        Assert.Equal(("954889", "jsmith.myshopify.com", "191167", "9999"), (request.ShopifyShopId, request.ShopDomain, request.CustomerId, request.DataRequestId));
        Assert.Equal(["299938", "280263", "220458"], request.OrderIds);
        Assert.Equal(["c:191167", CustomerKey.FromEmail("john@example.com", Salt)], request.CustomerKeys);
        Assert.DoesNotContain("john@example.com", archived);
        Assert.DoesNotContain("555-625-1199", archived);

        // The archived copy reads back to the same request, without the salt.
        var (again, problem) = ShopifyPrivacyRequestReader.ReadArchived(Encoding.UTF8.GetBytes(archived));
        Assert.Null(problem);
        Assert.Equal(request with { OrderIds = [] }, again! with { OrderIds = [] });
        Assert.Equal(request.OrderIds, again.OrderIds);
    }

    [Fact]
    public void A_customer_redact_reads_orders_to_redact_and_a_shop_redact_only_the_shop()
    {
        var redact = Prepare(ShopifyPrivacyTopics.CustomerRedact, ShopifyTopicSamples.CustomersRedact, out _);
        Assert.Equal(["299938", "280263", "220458"], redact.OrderIds);
        Assert.Null(redact.DataRequestId);

        var shop = Prepare(ShopifyPrivacyTopics.ShopRedact, ShopifyTopicSamples.ShopRedact, out var archived);
        Assert.Equal(("954889", "jsmith.myshopify.com", 0), (shop.ShopifyShopId, shop.ShopDomain, shop.CustomerKeys.Count));
        Assert.Equal("""{"topic":"shop/redact","shop_id":"954889","shop_domain":"jsmith.myshopify.com"}""", archived);
    }

    [Fact]
    public void A_customer_known_only_by_email_is_found_by_the_hash_a_guest_order_of_that_email_has()
    {
        var request = Prepare(ShopifyPrivacyTopics.CustomerRedact, """{"shop_domain":"x.myshopify.com","customer":{"email":" John@Example.com "}}""", out _);
        Assert.Equal([CustomerKey.FromEmail("john@example.com", Salt)], request.CustomerKeys);
    }

    [Theory]
    [InlineData("""{"customer":{"id":1},"orders_to_redact":[1,{"id":2}]}""", "orders_to_redact[1]")]
    [InlineData("""{"customer":{"id":1.5}}""", "customer.id")]
    [InlineData("""{"customer":"191167"}""", "customer")]
    [InlineData("""{"shop_domain":"x.myshopify.com"}""", "customer")]
    [InlineData("""[]""", "$")]
    public void A_bad_body_names_its_first_bad_field(string json, string field)
    {
        var (request, _, problem) = ShopifyPrivacyRequestReader.Prepare(ShopifyPrivacyTopics.CustomerRedact, Encoding.UTF8.GetBytes(json), Salt);
        Assert.Null(request);
        Assert.Equal(field, problem!.Field);
    }
}
