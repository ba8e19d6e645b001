namespace Retention.Core.Orders;

/// <summary>
/// Where an order stands. Only <see cref="Paid"/>, <see cref="Fulfilled"/> and (until its refunds net it
/// to zero) <see cref="Refunded"/> can count as purchases; pending, failed and cancelled orders never do.
/// </summary>
public enum OrderStatus { Pending, Paid, Fulfilled, Cancelled, Refunded, Failed }

public static class OrderStatusNames
{
    public static string ToWire(this OrderStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? wire, out OrderStatus status)
    {
        status = default;
        return wire is not null && wire.All(char.IsAsciiLetterLower) && Enum.TryParse(wire, ignoreCase: true, out status);
    }

    public static bool CanBePurchase(this OrderStatus status) =>
        status is OrderStatus.Paid or OrderStatus.Fulfilled or OrderStatus.Refunded;
}
