namespace Retention.Core.Webhooks;

public enum WebhookVerificationFailure { None, MissingHeaders, BadTimestamp, StaleTimestamp, BadSignature }

/// <summary>The outcome of checking a delivery's signature, with a reason safe to show the sender.</summary>
public sealed record WebhookVerification(WebhookVerificationFailure Failure, string Reason)
{
    public static readonly WebhookVerification Valid = new(WebhookVerificationFailure.None, "");
    public bool IsValid => Failure == WebhookVerificationFailure.None;
    public static WebhookVerification Fail(WebhookVerificationFailure failure, string reason) => new(failure, reason);
}
