using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Core.Events;
using Retention.Core.Generic;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// One kind of signed event the pipeline accepts: its platform label (the raw-event folder and the queue
/// message's dispatch key) and how a body is validated and stripped of personal data before it is archived.
/// </summary>
public sealed record IncomingEvent(string Kind, Func<ReadOnlyMemory<byte>, ShopContext, string, (byte[]? Archived, EventProblem? Problem)> Prepare)
{
    public static readonly IncomingEvent GenericOrder = new(GenericOrderNormalizer.EventKind, (body, shop, eventId) =>
    {
        var normalized = GenericOrderNormalizer.Normalize(body, shop, eventId);
        return normalized.Problem is { } problem ? (null, problem) : (GenericEventRedactor.Redact(body.Span, normalized.Order!), null);
    });

    public static readonly IncomingEvent Feedback = new(FeedbackNormalizer.EventKind, (body, shop, eventId) =>
    {
        var normalized = FeedbackNormalizer.Normalize(body, shop, eventId);
        return normalized.Problem is { } problem ? (null, problem) : (FeedbackRedactor.Redact(body.Span, normalized.Response!), null);
    });
}
