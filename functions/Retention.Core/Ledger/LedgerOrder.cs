using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Ledger;

/// <summary>A refund as the ledger keeps it: the local day it was made and its amount.</summary>
public readonly record struct LedgerRefund(int Day, decimal Amount);

/// <summary>
/// One order as <see cref="OrderLedger"/> is built from it (the ledger keeps its fields as columns): its days already on the shop's calendar (as
/// <see cref="DateOnly.DayNumber"/>), so a night never converts a time zone, and nothing a figure does not read.
/// The dated rules of <see cref="IsPurchaseOn"/> are the one definition of what an order contributes to a given day.
/// </summary>
public readonly struct LedgerOrder
{
    /// <summary><see cref="CancelDay"/> of an order that was never cancelled.</summary>
    public const int NotCancelled = int.MaxValue;

    private static readonly LedgerRefund[] NoRefunds = [];
    private readonly LedgerRefund[]? _refunds;

    /// <param name="wasEverLive">the order's status can be a purchase, or it is cancelled (it was one until then).</param>
    public LedgerOrder(string customerKey, string orderId, int day, int cancelDay, decimal total, bool isTest, bool wasEverLive,
        LedgerRefund[]? refunds, int facetsAt = LedgerFacetData.NoFacets)
    {
        FacetsAt = facetsAt;
        CustomerKey = customerKey;
        OrderId = orderId;
        Day = day;
        CancelDay = cancelDay;
        Total = total;
        IsTest = isTest;
        WasEverLive = wasEverLive;
        _refunds = refunds is { Length: > 0 } ? refunds : null;
    }

    public string CustomerKey { get; }
    public string OrderId { get; }
    public int Day { get; }
    public int CancelDay { get; }
    public decimal Total { get; }
    public bool IsTest { get; }
    public bool WasEverLive { get; }
    public IReadOnlyList<LedgerRefund> Refunds => _refunds ?? NoRefunds;

    /// <summary>Where the ledger's <see cref="LedgerFacetData"/> holds the order's products, channel, codes and country.</summary>
    public int FacetsAt { get; }

    public DateOnly OrderedOn => DateOnly.FromDayNumber(Day);

    public static LedgerOrder From(NormalizedOrder order, ShopCalendar calendar, LedgerFacetData facets)
    {
        LedgerRefund[]? refunds = null;
        if (order.Refunds.Count > 0)
        {
            refunds = new LedgerRefund[order.Refunds.Count];
            for (var i = 0; i < refunds.Length; i++)
                refunds[i] = new LedgerRefund(calendar.LocalDate(order.Refunds[i].RefundedAt).DayNumber, order.Refunds[i].Amount);
        }
        return new LedgerOrder(order.CustomerKey, order.OrderId, calendar.LocalDate(order.OrderedAt).DayNumber,
            order.CancelledAt is { } cancelled ? calendar.LocalDate(cancelled).DayNumber : NotCancelled,
            order.Total, order.IsTest, order.Status.CanBePurchase() || order.Status == OrderStatus.Cancelled, refunds,
            facets.Add(order));
    }

    /// <summary>
    /// Whether the order is a purchase at the end of <paramref name="dayNumber"/>, and its amount net of the refunds
    /// made by then. Test orders, orders placed later, orders never live (pending, failed), orders cancelled by then
    /// and orders refunded in full by then are not purchases: a cancellation or refund counts from its own day on.
    /// </summary>
    public bool IsPurchaseOn(int dayNumber, out decimal netAmount) =>
        IsPurchase(dayNumber, IsTest, Day, WasEverLive, CancelDay, Total, _refunds, out netAmount);

    /// <summary>The rule of <see cref="IsPurchaseOn"/> on an order's fields, as the ledger's columns hold them.</summary>
    internal static bool IsPurchase(int dayNumber, bool isTest, int day, bool wasEverLive, int cancelDay, decimal total, LedgerRefund[]? refunds,
        out decimal netAmount)
    {
        netAmount = 0m;
        if (isTest || day > dayNumber || !wasEverLive || cancelDay <= dayNumber) return false;
        var refunded = 0m;
        if (refunds is not null)
            foreach (var refund in refunds)
                if (refund.Day <= dayNumber) refunded += refund.Amount;
        if (refunded > 0 && refunded >= total) return false;
        netAmount = total - refunded;
        return true;
    }

    /// <summary>The refunds as an array, or null without any (what the ledger's columns keep).</summary>
    internal LedgerRefund[]? RefundArray => _refunds;

    /// <summary>The flags byte of the ledger's columns and file: 1 a test order, 2 ever live.</summary>
    internal byte Flags => (byte)((IsTest ? LedgerFlags.Test : 0) | (WasEverLive ? LedgerFlags.EverLive : 0));
}

/// <summary>
/// The bits of an order's flags: <see cref="Test"/> and <see cref="EverLive"/> in the ledger's columns and its file;
/// <see cref="HasFacets"/> in the file only, <see cref="HasRefunds"/> in the columns only.
/// </summary>
internal static class LedgerFlags
{
    public const byte Test = 1, EverLive = 2, HasFacets = 4, HasRefunds = 8;

    /// <summary>In memory only: the order has a cancellation day (kept by order, for the 2 % or so that do; a column of them was 4 bytes an order).</summary>
    public const byte Cancelled = 16;
}
