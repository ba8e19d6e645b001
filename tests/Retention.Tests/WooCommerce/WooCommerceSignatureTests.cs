using System.Text;
using Retention.Core.Webhooks;
using Retention.Core.WooCommerce;

namespace Retention.Tests.WooCommerce;

public class WooCommerceSignatureTests
{
    [Fact]
    public void The_shared_order_webhook_verifies_with_its_documented_signature()
    {
        var (secret, signature) = WooCommerceReference.Vector();
        Assert.Equal("wc_test_secret", secret);
        var body = WooCommerceReference.OrderBody();

        var result = WooCommerceSignature.Verify(secret, signature, body);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(signature, WooCommerceSignature.Sign(secret, body));
    }

    [Fact]
    public void A_tampered_body_another_secret_or_a_mangled_signature_does_not_verify()
    {
        var (secret, signature) = WooCommerceReference.Vector();
        var body = WooCommerceReference.OrderBody();
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"total\":\"29.35\"", "\"total\":\"2.35\""));
        Assert.NotEqual(body, tampered);

        Assert.Equal(WebhookVerificationFailure.BadSignature, WooCommerceSignature.Verify(secret, signature, tampered).Failure);
        Assert.Equal(WebhookVerificationFailure.BadSignature, WooCommerceSignature.Verify(secret, signature, [.. body, (byte)' ']).Failure);
        Assert.Equal(WebhookVerificationFailure.BadSignature, WooCommerceSignature.Verify(secret + "x", signature, body).Failure);
        Assert.Equal(WebhookVerificationFailure.BadSignature, WooCommerceSignature.Verify(secret, "not base64!", body).Failure);
        // A prefix of the right MAC is not the MAC.
        var truncated = Convert.ToBase64String(Convert.FromBase64String(signature)[..16]);
        Assert.Equal(WebhookVerificationFailure.BadSignature, WooCommerceSignature.Verify(secret, truncated, body).Failure);
        Assert.Equal(WebhookVerificationFailure.MissingHeaders, WooCommerceSignature.Verify(secret, null, body).Failure);
        Assert.Equal(WebhookVerificationFailure.MissingHeaders, WooCommerceSignature.Verify(secret, "", body).Failure);
    }
}

public class WooCommerceWebhookHeadersTests
{
    [Fact]
    public void Headers_are_read_case_insensitively_and_a_repeated_header_counts_as_absent()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers["x-wc-webhook-topic"] = "order.created";
        context.Request.Headers["X-WC-WEBHOOK-SIGNATURE"] = "c2ln";
        context.Request.Headers["X-WC-Webhook-Delivery-ID"] = "abc";
        context.Request.Headers["X-WC-Webhook-ID"] = new Microsoft.Extensions.Primitives.StringValues(["1", "2"]);

        var headers = Retention.Pipeline.WooCommerce.WooCommerceWebhookHeaders.FromRequest(context.Request);

        Assert.Equal(new Retention.Pipeline.WooCommerce.WooCommerceWebhookHeaders("order.created", null, null, "c2ln", null, "abc", null), headers);
    }
}
