namespace Retention.Core.Feedback;

/// <summary>The two survey kinds: Net Promoter Score (0–10) and customer satisfaction (1–5).</summary>
public enum FeedbackKind { Nps, Csat }

/// <summary>Why a customer says they left or might leave: a small fixed vocabulary, so answers can be tallied.</summary>
public enum ReasonForLeaving { Price, Quality, Delivery, Service, Assortment, Other }

/// <summary>
/// One survey answer in the platform-neutral form (<c>docs/events.md</c>). The customer key is built exactly as for
/// orders (platform id, or the salted hash of a guest's e-mail), so answers join to purchases. The comment and the
/// free-text reason are personal data: kept for the shop, deleted when the customer is redacted.
/// </summary>
public sealed record FeedbackResponse(
    string ShopId,
    string AnswerId,
    string SurveyId,
    string CustomerKey,
    FeedbackKind Kind,
    int Score,
    string? Comment,
    ReasonForLeaving? Reason,
    string? ReasonText,
    DateTimeOffset SubmittedAt,
    string SourceEventId);
