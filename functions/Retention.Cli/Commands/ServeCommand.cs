using System.CommandLine;
using Retention.Cli.LocalHost;

namespace Retention.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (the Functions host's default is 7071)", DefaultValueFactory = _ => 7071 };
        var noTimer = new Option<bool>("--no-timer") { Description = "Do not run the nightly timer" };
        var queueLease = new Option<int>("--queue-lease")
        {
            Description = "Seconds a queue message being handled stays hidden from other consumers, renewed while it runs; " +
                          "after a crash its messages come back this much later (the Functions host's lease is 600)",
            DefaultValueFactory = _ => (int)QueueTriggerOptions.DefaultLease.TotalSeconds,
        };
        var command = new Command("serve", "Run the local host: the webhook routes, the queue triggers and the nightly timer") { port, noTimer, queueLease };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var lease = TimeSpan.FromSeconds(parse.GetValue(queueLease));
            if (QueueTriggerOptions.LeaseProblem(lease) is not null)
                throw new CliUsageException($"--queue-lease must be between {QueueTriggerOptions.MinLease.TotalSeconds:0} and " +
                                            $"{QueueTriggerOptions.MaxLease.TotalSeconds:0} seconds (7 days), not {parse.GetValue(queueLease)}");
            await using var host = LocalFunctionsHost.Create(context.Configuration,
                new LocalHostOptions(parse.GetValue(port), LocalHostOptions.DefaultHostJson, EnableTimer: !parse.GetValue(noTimer), QueueLease: lease));
            await host.StartAsync(cancellationToken);
            Console.WriteLine($"listening on {host.BaseAddress} (POST /api/webhooks/generic/{{shop}}, GET /api/report/{{shop}}, GET /api/health); Ctrl+C stops");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
