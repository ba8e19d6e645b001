using System.Security.Cryptography;
using System.Text;
using Retention.Core.Webhooks;

namespace Retention.Core.Shopify;

/// <summary>
/// Shopify's webhook signature: <c>X-Shopify-Hmac-Sha256</c> is the Base64 HMAC-SHA256 of the raw body, keyed
/// with the UTF-8 bytes of the app's client secret. There is no timestamp in the signature; replays are caught
/// by the <c>X-Shopify-Webhook-Id</c> dedupe instead. During a secret rotation both the current and the previous
/// secret are tried. The decoded bytes are compared in constant time.
/// </summary>
public static class ShopifySignature
{
    public const string TopicHeader = "X-Shopify-Topic";
    public const string HmacHeader = "X-Shopify-Hmac-Sha256";
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string EventIdHeader = "X-Shopify-Event-Id";
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";
    public const string ApiVersionHeader = "X-Shopify-API-Version";

    /// <summary>The header value Shopify would send for <paramref name="body"/> (for tests and tools).</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <param name="signature">the header value as received (null when absent).</param>
    /// <param name="secret">the app's current client secret.</param>
    /// <param name="previousSecret">the secret being rotated out, or null.</param>
    public static WebhookVerification Verify(string? signature, ReadOnlySpan<byte> body, string secret, string? previousSecret = null)
    {
        if (string.IsNullOrWhiteSpace(signature))
            return WebhookVerification.Fail(WebhookVerificationFailure.MissingHeaders, $"the {HmacHeader} header is missing");
        var expectedLength = HMACSHA256.HashSizeInBytes;
        Span<byte> given = stackalloc byte[expectedLength + 3];
        if (!Convert.TryFromBase64String(signature.Trim(), given, out var written) || written != expectedLength)
            return WebhookVerification.Fail(WebhookVerificationFailure.BadSignature, $"the {HmacHeader} header is not a Base64 HMAC-SHA256");
        given = given[..written];

        if (Matches(secret, body, given)) return WebhookVerification.Valid;
        if (!string.IsNullOrEmpty(previousSecret) && Matches(previousSecret, body, given)) return WebhookVerification.Valid;
        return WebhookVerification.Fail(WebhookVerificationFailure.BadSignature, $"the {HmacHeader} header does not match the body");
    }

    private static bool Matches(string secret, ReadOnlySpan<byte> body, ReadOnlySpan<byte> given)
    {
        if (string.IsNullOrEmpty(secret)) return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
