namespace Retention.Core.Shops;

/// <summary>Checks what <c>retention shops add</c> is given before anything is written.</summary>
public static class ShopRegistration
{
    /// <returns>null when valid, otherwise one readable sentence.</returns>
    public static string? Validate(string id, string timeZoneId, string currency, string? webhookSecret)
    {
        if (!ShopId.IsValid(id)) return $"shop id '{id}' is invalid: {ShopId.Rule}";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _)) return $"time zone '{timeZoneId}' is not a known IANA time zone";
        if (!CurrencyCode.IsValid(currency)) return $"currency '{currency}' is not an ISO 4217 code (three capital letters)";
        if (webhookSecret is not null && !Webhooks.StandardWebhookSignature.TryDecodeSecret(webhookSecret, out _))
            return "the webhook secret must look like whsec_<base64>";
        return null;
    }
}
