using Retention.Core.Orders;

namespace Retention.Core.Events;

/// <summary>Why an event body was refused, naming the JSON field (a path such as <c>refunds[0].amount</c>).</summary>
public sealed record EventProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Either a normalized order or the first problem found in the event.</summary>
public sealed record OrderNormalization(NormalizedOrder? Order, EventProblem? Problem)
{
    public static OrderNormalization Ok(NormalizedOrder order) => new(order, null);
    public static OrderNormalization Invalid(string field, string message) => new(null, new EventProblem(field, message));
}
