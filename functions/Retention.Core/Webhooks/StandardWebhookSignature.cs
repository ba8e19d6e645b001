using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Retention.Core.Webhooks;

/// <summary>
/// Signing and verification per the Standard Webhooks specification: HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the base64 key after the <c>whsec_</c> prefix,
/// sent as space-separated <c>v1,&lt;base64&gt;</c> entries in <c>webhook-signature</c>.
/// </summary>
public static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string SecretPrefix = "whsec_";

    /// <summary>Both directions: a replayed old delivery and a clock far in the future are refused.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool TryDecodeSecret(string secret, out byte[] key)
    {
        key = [];
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        if (encoded.Length == 0) return false;
        try
        {
            key = Convert.FromBase64String(encoded);
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        if (!TryDecodeSecret(secret, out var key)) throw new ArgumentException("not a whsec_ secret", nameof(secret));
        return "v1," + Convert.ToBase64String(Compute(key, webhookId, timestamp.ToString(CultureInfo.InvariantCulture), body));
    }

    public static WebhookVerification Verify(
        string secret, string? webhookId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
            return WebhookVerification.Fail(WebhookVerificationFailure.MissingHeaders,
                $"the {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are required");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return WebhookVerification.Fail(WebhookVerificationFailure.BadTimestamp, $"{TimestampHeader} must be Unix seconds");
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sentAt < now - Tolerance)
            return WebhookVerification.Fail(WebhookVerificationFailure.StaleTimestamp, $"{TimestampHeader} is more than 5 minutes old");
        if (sentAt > now + Tolerance)
            return WebhookVerification.Fail(WebhookVerificationFailure.StaleTimestamp, $"{TimestampHeader} is more than 5 minutes in the future");
        if (!TryDecodeSecret(secret, out var key))
            throw new InvalidOperationException("the shop's webhook secret is not a whsec_ secret");

        var expected = Compute(key, webhookId, timestamp, body);
        Span<byte> candidate = stackalloc byte[64];
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || entry.AsSpan(0, comma) is not "v1") continue;
            if (!Convert.TryFromBase64String(entry[(comma + 1)..], candidate, out var written)) continue;
            if (CryptographicOperations.FixedTimeEquals(candidate[..written], expected))
                return WebhookVerification.Valid;
        }
        return WebhookVerification.Fail(WebhookVerificationFailure.BadSignature, "no v1 signature in webhook-signature matches the body");
    }

    private static byte[] Compute(byte[] key, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
