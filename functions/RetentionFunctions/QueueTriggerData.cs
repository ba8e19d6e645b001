using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Hosting;
using Retention.Pipeline.Telemetry;

namespace RetentionFunctions;

/// <summary>What the Functions host tells a queue function about its message (its trigger metadata), for <see cref="QueueInvocation"/>.</summary>
internal static class QueueTriggerData
{
    public static QueueDelivery Of(FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        var dequeueCount = long.TryParse(Text(data, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1;
        var inserted = DateTimeOffset.TryParse(Text(data, "InsertionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : (DateTimeOffset?)null;
        return new QueueDelivery(Text(data, "Id"), dequeueCount, inserted, FunctionBindings.MaxDequeueCount);
    }

    // Values arrive as strings, numbers or JSON elements depending on the host's version: their text reads the same.
    private static string? Text(IReadOnlyDictionary<string, object?> data, string key) =>
        data.TryGetValue(key, out var value) && value is not null ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim('"') : null;
}
