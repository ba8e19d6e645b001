using System.Security.Cryptography;
using System.Text;
using Retention.Core.Webhooks;

namespace Retention.Core.WooCommerce;

/// <summary>
/// WooCommerce's webhook signature: <c>X-WC-Webhook-Signature</c> is the base64 of HMAC-SHA256 over the raw body,
/// keyed with the UTF-8 bytes of the webhook's secret exactly as typed in WooCommerce (WooCommerce decodes HTML
/// entities such as <c>&amp;amp;</c> in the stored secret first; a secret of letters, digits and <c>+/=_-</c>, as
/// the project generates, is unaffected). Unlike Standard Webhooks there is no timestamp in the signed text, so
/// a captured delivery can be replayed; the delivery id dedupe makes a replay change nothing.
/// </summary>
public static class WooCommerceSignature
{
    public const string SignatureHeader = "X-WC-Webhook-Signature";

    public static string Sign(string secret, ReadOnlySpan<byte> body) => Convert.ToBase64String(Compute(secret, body));

    public static WebhookVerification Verify(string secret, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(signatureHeader))
            return WebhookVerification.Fail(WebhookVerificationFailure.MissingHeaders, $"the {SignatureHeader} header is required");
        Span<byte> candidate = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signatureHeader.Trim(), candidate, out var written))
            return WebhookVerification.Fail(WebhookVerificationFailure.BadSignature, $"{SignatureHeader} is not base64 of an HMAC-SHA256");
        // FixedTimeEquals compares lengths first (not secret) and then the bytes in constant time.
        return CryptographicOperations.FixedTimeEquals(candidate[..written], Compute(secret, body))
            ? WebhookVerification.Valid
            : WebhookVerification.Fail(WebhookVerificationFailure.BadSignature, $"{SignatureHeader} does not match the body");
    }

    private static byte[] Compute(string secret, ReadOnlySpan<byte> body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
}
