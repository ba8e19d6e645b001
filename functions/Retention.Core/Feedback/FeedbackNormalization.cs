using Retention.Core.Events;

namespace Retention.Core.Feedback;

/// <summary>Either a normalized survey answer or the first problem found in the event.</summary>
public sealed record FeedbackNormalization(FeedbackResponse? Response, EventProblem? Problem)
{
    public static FeedbackNormalization Ok(FeedbackResponse response) => new(response, null);
    public static FeedbackNormalization Invalid(string field, string message) => new(null, new EventProblem(field, message));
}
