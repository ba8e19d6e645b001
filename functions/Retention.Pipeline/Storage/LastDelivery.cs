namespace Retention.Pipeline.Storage;

/// <summary>When a shop's last delivery from one platform arrived (<see cref="ShopActivityTable"/>).</summary>
/// <param name="Platform">as <see cref="Core.Webhooks.DeliveryPlatform"/> names it: generic, shopify, woocommerce, feedback.</param>
public sealed record LastDelivery(string Platform, DateTimeOffset At);
