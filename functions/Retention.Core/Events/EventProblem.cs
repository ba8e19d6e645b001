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

    /// <summary>A platform normalizer's body read through <see cref="JsonEventReader"/>: its order, or the first bad field.</summary>
    internal static OrderNormalization Read(ReadOnlyMemory<byte> body, Func<System.Text.Json.JsonElement, NormalizedOrder> read)
    {
        var (order, problem) = JsonEventReader.Read(body, read);
        return problem is null ? Ok(order!) : new OrderNormalization(null, problem);
    }
}
