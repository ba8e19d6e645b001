namespace Retention.Core.Audiences.Delivery;

/// <summary>
/// One webhook of the outbox: a batch of one audience's changes of one night for one subscription. Its
/// <see cref="Id"/> is the <c>webhook-id</c> of every attempt, derived from what it carries, so a night run again makes
/// the same ids and a receiver can drop a repeat by id.
/// </summary>
/// <param name="Body">the JSON sent, UTF-8.</param>
public sealed record AudienceDelivery(string ShopId, string SubscriptionId, string Id, string Audience, DateOnly Night, int Batch, int Batches,
    int Entered, int Left, string Body);
