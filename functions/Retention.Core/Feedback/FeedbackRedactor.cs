using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Events;

namespace Retention.Core.Feedback;

/// <summary>
/// Makes the copy of a feedback event that is archived as its raw event: only the fields the normalizer reads, and a
/// guest's e-mail replaced by its salted hash (<c>customer.email_hash</c>), as <see cref="Generic.GenericEventRedactor"/>
/// does for orders. The comment and the free-text reason stay: figures are recomputed from the archive, and the
/// customer's redaction deletes them later like any other personal data of theirs.
/// </summary>
public static class FeedbackRedactor
{
    private static readonly string[] Fields =
        ["answer_id", "survey_id", "kind", "score", "comment", "reason", "reason_text", "submitted_at"];

    /// <param name="body">a body that <see cref="FeedbackNormalizer"/> accepted.</param>
    /// <param name="response">what it normalized to.</param>
    public static byte[] Redact(ReadOnlySpan<byte> body, FeedbackResponse response)
    {
        var source = JsonNode.Parse(body)!.AsObject();
        var kept = JsonKeep.Fields(source, Fields);

        var customer = new JsonObject();
        if (response.CustomerKey.StartsWith(CustomerKeyPrefixes.Email, StringComparison.Ordinal))
            customer["email_hash"] = response.CustomerKey[CustomerKeyPrefixes.Email.Length..];
        else
            customer["id"] = source["customer"]!["id"]!.DeepClone();
        kept["customer"] = customer;
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }
}
