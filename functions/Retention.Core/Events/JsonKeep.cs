using System.Text.Json.Nodes;

namespace Retention.Core.Events;

/// <summary>
/// Copies only the listed fields of a JSON object: how every redactor keeps what its normalizer reads and drops
/// everything else a platform sends (names, addresses, phones, notes, browser data).
/// </summary>
internal static class JsonKeep
{
    public static JsonObject Fields(JsonNode? source, IEnumerable<string> fields)
    {
        var kept = new JsonObject();
        foreach (var field in fields)
            if (source?[field] is { } value) kept[field] = value.DeepClone();
        return kept;
    }

    /// <summary>The listed fields of each object of an array; null when the source is not an array.</summary>
    public static JsonArray? EachFields(JsonNode? source, IEnumerable<string> fields) =>
        source is JsonArray items ? new JsonArray([.. items.Select(item => (JsonNode?)Fields(item, fields))]) : null;
}
