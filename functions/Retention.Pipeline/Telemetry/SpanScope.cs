using System.Diagnostics;

namespace Retention.Pipeline.Telemetry;

/// <summary>
/// A span that starts a trace of its own or continues another process's (a night, a queue message's sender): disposing it
/// puts back the span that was current before, which stopping the span alone would not (its parent is remote or none).
/// </summary>
public sealed class SpanScope(Activity? activity, Activity? previous) : IDisposable
{
    public Activity? Activity => activity;

    /// <summary>Marks the span failed with the first line of the error (never a body or a person: messages name ids).</summary>
    public void Failed(Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message.Split('\n')[0]);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }

    public void Dispose()
    {
        activity?.Dispose();
        Activity.Current = previous;
    }
}
