using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Shopify;

/// <summary>What became of one Shopify refund.</summary>
public enum RefundOutcome
{
    /// <summary>The stored order now lists the refund.</summary>
    Applied,
    /// <summary>The stored order listed it already (a redelivery, or an orders/updated came first), or no money moved.</summary>
    NothingToApply,
    /// <summary>The order is not stored yet: the refund waits in <c>pendingrefunds</c> until it is.</summary>
    Held,
}

/// <summary>
/// The queue processor's work for an archived <c>refunds/create</c>: add the refund to the stored order
/// (<see cref="ShopifyRefundApplication"/>, idempotent on the refund id) so the order's net amount drops on the refund's
/// day. A refund whose order is not stored yet is held in <see cref="PendingRefundTable"/> and applied by
/// <see cref="ApplyHeldAsync"/> when the order is stored, instead of being retried into the poison queue.
/// </summary>
public sealed partial class ShopifyRefundHandler(OrderTable orders, PendingRefundTable held, ILogger<ShopifyRefundHandler> logger)
{
    private const int MaxConcurrentVersions = 8;

    /// <exception cref="InvalidDataException">the archived body no longer normalizes (cannot succeed on a retry).</exception>
    public async Task<RefundOutcome> ProcessAsync(ShopContext shop, ReadOnlyMemory<byte> archived, string eventId, CancellationToken cancellationToken)
    {
        var normalized = ShopifyRefundNormalizer.Normalize(archived, shop, eventId);
        var refund = normalized.Refund ?? throw new InvalidDataException($"event {eventId} does not normalize: {normalized.Problem}");
        var outcome = await ApplyAsync(refund, cancellationToken);
        if (outcome != RefundOutcome.Held) return outcome;

        await held.HoldAsync(refund, cancellationToken);
        // The order may have been stored between the read above and the hold, after its own look for held refunds:
        // look once more. Both sides write first and read second, so one of them always sees the other.
        outcome = await ApplyAsync(refund, cancellationToken);
        if (outcome == RefundOutcome.Held)
        {
            LogRefundHeld(logger, refund.Refund.RefundId, shop.ShopId, refund.OrderId);
            return outcome;
        }
        await held.ReleaseAsync(shop.ShopId, refund.OrderId, refund.Refund.RefundId, cancellationToken);
        return outcome;
    }

    /// <summary>Applies the refunds held for an order that has just been stored.</summary>
    public async Task ApplyHeldAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        foreach (var refund in await held.ForOrderAsync(shopId, orderId, cancellationToken))
        {
            if (await ApplyAsync(refund, cancellationToken) == RefundOutcome.Held) continue;
            await held.ReleaseAsync(shopId, orderId, refund.Refund.RefundId, cancellationToken);
            LogHeldRefundApplied(logger, refund.Refund.RefundId, shopId, orderId);
        }
    }

    private async Task<RefundOutcome> ApplyAsync(ShopifyRefund refund, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrentVersions; attempt++)
        {
            var stored = await orders.FindAsync(refund.ShopId, refund.OrderId, cancellationToken);
            if (stored is null) return RefundOutcome.Held;
            var applied = ShopifyRefundApplication.Apply(stored, refund.Refund, refund.SourceEventId);
            if (applied is null) return RefundOutcome.NothingToApply;
            if (await orders.UpsertAsync(applied, cancellationToken) != OrderUpsertResult.KeptNewer) return RefundOutcome.Applied;
            // A newer version was stored between our read and our write: decide again against that one.
        }
        throw new InvalidOperationException($"order {refund.ShopId}/{refund.OrderId} kept changing while refund {refund.Refund.RefundId} was applied");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify refund {Refund} of order {Shop}/{Order} held until the order is stored")]
    private static partial void LogRefundHeld(ILogger logger, string refund, string shop, string order);

    [LoggerMessage(Level = LogLevel.Information, Message = "Held Shopify refund {Refund} applied to order {Shop}/{Order}")]
    private static partial void LogHeldRefundApplied(ILogger logger, string refund, string shop, string order);
}
