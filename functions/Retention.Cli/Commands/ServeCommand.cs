using System.CommandLine;
using Retention.Cli.LocalHost;
using Retention.Pipeline.Telemetry;

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
        var otlp = new Option<string?>("--otlp")
        {
            Description = "Send traces, metrics and logs by OTLP over HTTP to this collector (such as http://127.0.0.1:4318); see docs/telemetry.md",
        };
        var consoleTelemetry = new Option<bool>("--console-telemetry") { Description = "Print every span and metric on standard output" };
        var command = new Command("serve", "Run the local host: the webhook routes, the queue triggers and the nightly timer")
        {
            port, noTimer, queueLease, otlp, consoleTelemetry,
        };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var lease = TimeSpan.FromSeconds(parse.GetValue(queueLease));
            if (QueueTriggerOptions.LeaseProblem(lease) is not null)
                throw new CliUsageException($"--queue-lease must be between {QueueTriggerOptions.MinLease.TotalSeconds:0} and " +
                                            $"{QueueTriggerOptions.MaxLease.TotalSeconds:0} seconds (7 days), not {parse.GetValue(queueLease)}");
            Uri? collector = null;
            if (parse.GetValue(otlp) is { } endpoint && (!Uri.TryCreate(endpoint, UriKind.Absolute, out collector) || collector.Scheme is not ("http" or "https")))
                throw new CliUsageException($"--otlp must be an http(s) address such as http://127.0.0.1:4318, not '{endpoint}'");
            // Application Insights too when its connection string is set, as in the Functions app.
            var telemetry = TelemetryExporters.FromConfiguration(context.Configuration) with { Otlp = collector, Console = parse.GetValue(consoleTelemetry) };
            await using var host = LocalFunctionsHost.Create(context.Configuration,
                new LocalHostOptions(parse.GetValue(port), LocalHostOptions.DefaultHostJson, EnableTimer: !parse.GetValue(noTimer), QueueLease: lease,
                    Telemetry: telemetry));
            await host.StartAsync(cancellationToken);
            Console.WriteLine($"listening on {host.BaseAddress} (POST /api/webhooks/generic/{{shop}}, GET /api/report/{{shop}}, GET /api/health); Ctrl+C stops");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
