using Retention.Core.Customers;
using System.Text.Json;
using Retention.Core.Orders;
using Retention.Core.Events;

namespace Retention.Core.Feedback;

/// <summary>
/// Reads the survey answer event sent to <c>POST /api/feedback/{shop}</c> (<c>docs/events.md</c>, "Feedback event").
/// Like <see cref="Generic.GenericOrderNormalizer"/>, the same code validates in the HTTP request and normalizes in the queue
/// processor, so a body that was answered 202 always normalizes later.
/// </summary>
public static class FeedbackNormalizer
{
    /// <summary>The raw-event folder and queue dispatch key of survey answers.</summary>
    public const string EventKind = "feedback";


    public static FeedbackNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId)
    {
        var (value, problem) = JsonEventReader.Read(body, root => Read(root, shop, sourceEventId));
        return problem is null ? FeedbackNormalization.Ok(value!) : new FeedbackNormalization(null, problem);
    }

    private static FeedbackResponse Read(JsonElement root, ShopContext shop, string sourceEventId)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object");

        var answerId = JsonFields.Identifier(JsonFields.Required(root, "answer_id", "answer_id"), "answer_id");
        var surveyId = JsonFields.Identifier(JsonFields.Required(root, "survey_id", "survey_id"), "survey_id");
        var customerKey = CustomerField.Key(JsonFields.Required(root, "customer", "customer"), shop.CustomerIdSalt);
        var kind = ReadKind(JsonFields.Required(root, "kind", "kind"));
        var score = ReadScore(JsonFields.Required(root, "score", "score"), kind);
        var comment = FeedbackText.Optional(root, "comment");
        ReasonForLeaving? reason = JsonFields.Optional(root, "reason") is { } r ? ReadReason(r) : null;
        var reasonText = FeedbackText.Optional(root, "reason_text");
        var submittedAt = JsonFields.Timestamp(JsonFields.Required(root, "submitted_at", "submitted_at"), "submitted_at");

        return new FeedbackResponse(shop.ShopId, answerId, surveyId, customerKey, kind, score, comment, reason, reasonText,
            submittedAt, sourceEventId);
    }

    private static FeedbackKind ReadKind(JsonElement value) => JsonFields.String(value, "kind", 16) switch
    {
        "nps" => FeedbackKind.Nps,
        "csat" => FeedbackKind.Csat,
        _ => throw new EventFieldException("kind", "must be nps or csat"),
    };

    private static int ReadScore(JsonElement value, FeedbackKind kind)
    {
        var (low, high) = kind == FeedbackKind.Nps ? (0, 10) : (1, 5);
        var message = $"must be a whole number from {low} to {high} for {(kind == FeedbackKind.Nps ? "nps" : "csat")}";
        // A number only: "9" as a string or 9.5 would mean the sender's survey is not the one this scale describes.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var score) || score < low || score > high)
            throw new EventFieldException("score", message);
        return score;
    }

    private static ReasonForLeaving ReadReason(JsonElement value) => JsonFields.String(value, "reason", 16) switch
    {
        "price" => ReasonForLeaving.Price,
        "quality" => ReasonForLeaving.Quality,
        "delivery" => ReasonForLeaving.Delivery,
        "service" => ReasonForLeaving.Service,
        "assortment" => ReasonForLeaving.Assortment,
        "other" => ReasonForLeaving.Other,
        _ => throw new EventFieldException("reason", "must be one of price, quality, delivery, service, assortment, other"),
    };
}
