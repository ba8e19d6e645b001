using Retention.Core.Orders;

namespace Retention.Core.Import.Lines;

/// <summary>
/// An order a <c>lines-csv</c> import has placed, as the returns that follow it in the file change it: each return adds
/// a refund and raises the returned quantity of the product's lines, and <see cref="Final"/> is the version that
/// carries them all.
/// </summary>
internal sealed class ImportedOrder(NormalizedOrder order)
{
    private readonly HashSet<string> _products = new(order.Lines.Select(l => l.ProductId), StringComparer.Ordinal);
    private readonly List<OrderRefund> _refunds = [.. order.Refunds];
    private readonly List<OrderLine> _lines = [.. order.Lines];
    private DateTimeOffset _returnedAt = order.UpdatedAt;
    private int _returns;

    public NormalizedOrder Order { get; } = order;

    public bool Holds(string productId) => _products.Contains(productId);

    /// <summary>
    /// Applies one return row: a refund of its amount (id <c>{return order id}:{product id}</c>, added to when the same
    /// return holds the product twice), capped so the refunds never exceed the order's total; and the returned quantity
    /// of the product's lines, first line first, each capped at its quantity.
    /// </summary>
    /// <returns>whether this is the order's first return.</returns>
    public bool Return(string returnOrderId, LinesCsvRow row)
    {
        var refunded = _refunds.Sum(r => r.Amount);
        var amount = Math.Min(row.Amount, Order.Total - refunded);
        if (amount > 0)
        {
            var id = $"{returnOrderId}:{row.ProductId}";
            var same = _refunds.FindIndex(r => r.RefundId == id);
            if (same >= 0) _refunds[same] = _refunds[same] with { Amount = _refunds[same].Amount + amount, RefundedAt = Max(_refunds[same].RefundedAt, row.At) };
            else _refunds.Add(new OrderRefund(id, amount, row.At));
        }
        var left = -row.Quantity;
        for (var i = 0; i < _lines.Count && left > 0; i++)
        {
            var line = _lines[i];
            if (line.ProductId != row.ProductId) continue;
            var more = Math.Min(left, line.Quantity - line.ReturnedQuantity);
            if (more <= 0) continue;
            _lines[i] = line with { ReturnedQuantity = line.ReturnedQuantity + more };
            left -= more;
        }
        _returnedAt = Max(_returnedAt, row.At);
        return ++_returns == 1;
    }

    /// <summary>
    /// The order with its returns: the version a webhook would have sent after the last of them, its <c>UpdatedAt</c>
    /// that return's time; the order as placed when nothing was returned.
    /// </summary>
    public NormalizedOrder Final() =>
        _returns == 0 ? Order : Order with { UpdatedAt = _returnedAt, Refunds = [.. _refunds], Lines = [.. _lines] };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
