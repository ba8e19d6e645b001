namespace Retention.Pipeline.Ingest;

/// <summary>The Standard Webhooks headers of one delivery, as the sender gave them (null when absent).</summary>
public sealed record WebhookHeaders(string? Id, string? Timestamp, string? Signature);
