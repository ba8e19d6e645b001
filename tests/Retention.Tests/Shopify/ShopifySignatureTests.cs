using System.Security.Cryptography;
using System.Text;
using Retention.Core.Webhooks;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

public class ShopifySignatureTests
{
    private const string Secret = "shpss_test_secret_current";
    private const string Previous = "shpss_test_secret_previous";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate);

    /// <summary>Computed independently of the class under test: Base64(HMAC-SHA256(key = UTF-8 secret, raw body)).</summary>
    private static string HandSigned(string secret, byte[] body) =>
        Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes(secret)).ComputeHash(body));

    [Fact]
    public void A_body_signed_with_the_secret_verifies()
    {
        Assert.Equal(HandSigned(Secret, Body), ShopifySignature.Sign(Secret, Body));
        Assert.True(ShopifySignature.Verify(HandSigned(Secret, Body), Body, Secret).IsValid);
        Assert.True(ShopifySignature.Verify(HandSigned(Secret, Body), Body, Secret, Previous).IsValid);
    }

    [Fact]
    public void During_a_rotation_the_previous_secret_still_verifies_and_afterwards_it_does_not()
    {
        var signedWithOld = HandSigned(Previous, Body);
        Assert.True(ShopifySignature.Verify(signedWithOld, Body, Secret, Previous).IsValid);
        Assert.False(ShopifySignature.Verify(signedWithOld, Body, Secret, null).IsValid);
    }

    [Fact]
    public void A_tampered_body_does_not_verify()
    {
        var signature = HandSigned(Secret, Body);
        var tampered = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate.Replace("\"414.95\"", "\"0.01\""));
        var result = ShopifySignature.Verify(signature, tampered, Secret, Previous);
        Assert.False(result.IsValid);
        Assert.Equal(WebhookVerificationFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void A_wrong_secret_does_not_verify()
    {
        Assert.False(ShopifySignature.Verify(HandSigned("someone else's secret", Body), Body, Secret, Previous).IsValid);
    }

    [Theory]
    [InlineData(null, WebhookVerificationFailure.MissingHeaders)]
    [InlineData("", WebhookVerificationFailure.MissingHeaders)]
    [InlineData("not base64 at all!", WebhookVerificationFailure.BadSignature)]
    [InlineData("c2hvcnQ=", WebhookVerificationFailure.BadSignature)]
    public void A_missing_or_malformed_header_does_not_verify(string? header, WebhookVerificationFailure failure)
    {
        var result = ShopifySignature.Verify(header, Body, Secret, Previous);
        Assert.Equal(failure, result.Failure);
        Assert.Contains(ShopifySignature.HmacHeader, result.Reason);
    }
}
