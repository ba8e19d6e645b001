namespace Retention.Pipeline.Hosting;

/// <summary>
/// One function as both hosts serve it (<see cref="FunctionBindings"/>): its name, trigger and the trigger's settings in
/// the words of the Worker SDK's generated <c>functions.metadata</c> (method lower case, authorization level as the
/// <c>AuthorizationLevel</c> enum names it, a schedule as <c>%Setting%</c>).
/// </summary>
public sealed record FunctionBinding(string Name, FunctionTrigger Trigger, string? Route = null, string? Method = null, string? AuthLevel = null,
    string? Queue = null, string? Connection = null, string? Schedule = null)
{
    public static FunctionBinding Http(string name, string method, string route, string authLevel = "Anonymous") =>
        new(name, FunctionTrigger.Http, route, method, authLevel);

    public static FunctionBinding QueueTrigger(string name, string queue) =>
        new(name, FunctionTrigger.Queue, Queue: queue, Connection: SettingNames.RetentionStorage);

    public static FunctionBinding TimerTrigger(string name, string scheduleSetting) =>
        new(name, FunctionTrigger.Timer, Schedule: "%" + scheduleSetting + "%");
}
