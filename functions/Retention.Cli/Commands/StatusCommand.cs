using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Status;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention status [--shop S]</c>: the on-call engineer's first look. Every queue with its depth, its oldest message
/// and its poison count; per shop when each platform last delivered and how its latest night ended. Exits 0 when
/// healthy and <see cref="NeedsAttentionExitCode"/> when a message is parked in a poison queue or a shown shop's latest
/// night failed, so a script can alert on it; 1 and 2 keep their meaning (storage unreachable, a mistake such as an
/// unknown shop).
/// </summary>
public static class StatusCommand
{
    public const int NeedsAttentionExitCode = 3;

    public static Command Create()
    {
        var shop = new Option<string?>("--shop") { Description = "Show this shop only (the queues are shared and always shown)" };
        var command = new Command("status",
            $"The queues (depth, oldest message, poison), and per shop its last delivery of each platform and its latest night; exits {NeedsAttentionExitCode} " +
            "when a poison queue holds a message or a shown shop's latest night failed")
            { shop };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            var directory = services.GetRequiredService<ShopDirectory>();
            IReadOnlyList<string> shopIds;
            if (parse.GetValue(shop) is { } one)
            {
                var found = await directory.FindAsync(one, cancellationToken)
                    ?? throw new CliUsageException($"no shop '{one}' is registered ('retention shops list' lists them)");
                shopIds = [found.Id];
            }
            else
            {
                shopIds = [.. (await directory.ListAsync(cancellationToken)).Select(s => s.Id).Order(StringComparer.Ordinal)];
            }
            var status = await services.GetRequiredService<PipelineStatusReader>().ReadAsync(shopIds, cancellationToken);
            StatusPrinter.Print(status, Console.Out);
            return status.NeedsAttention ? NeedsAttentionExitCode : 0;
        });
        return command;
    }
}
