namespace Retention.Pipeline.Hosting;

/// <summary>What starts a function: a request, a queue message or the clock.</summary>
public enum FunctionTrigger
{
    Http,
    Queue,
    Timer,
}
