namespace Retention.Pipeline.Audiences;

/// <summary>A message of the <c>audience-deliveries</c> queue: which outbox row to send. The body stays in the row.</summary>
public sealed record AudienceDeliveryMessage(string Shop, string Delivery);
