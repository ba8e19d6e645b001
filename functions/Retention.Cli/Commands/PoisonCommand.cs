using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary><c>retention poison list|replay</c>: what failed five times, and putting it back after a fix.</summary>
public static class PoisonCommand
{
    public static Command Create()
    {
        var queue = new Option<string>("--queue")
        {
            Description = $"The queue whose poison queue to use: {string.Join(", ", StorageNames.Queues)}",
            DefaultValueFactory = _ => StorageNames.OrderEventsQueue,
        };
        var id = new Option<string?>("--id") { Description = "Replay only the message with this id (from 'poison list')" };
        var all = new Option<bool>("--all") { Description = "Replay every parked message" };

        var list = new Command("list", "Show the messages parked in a poison queue (the first 32) and how many there are") { queue };
        list.SetAction(async (parse, context, cancellationToken) =>
        {
            var name = Checked(parse.GetValue(queue)!);
            var services = await context.ServicesAsync(cancellationToken);
            var (count, first) = await services.GetRequiredService<PoisonQueues>().PeekAsync(name, cancellationToken);
            Console.WriteLine($"{PoisonQueues.PoisonName(name)}: {count} message{(count == 1 ? "" : "s")}");
            foreach (var message in first)
                Console.WriteLine($"  {message.MessageId}  parked {message.ParkedAt:yyyy-MM-dd HH:mm:ss}Z  {Shorten(message.Text)}");
            return 0;
        });

        var replay = new Command("replay", "Put parked messages back on their queue, once the cause of their failure is fixed") { queue, id, all };
        replay.SetAction(async (parse, context, cancellationToken) =>
        {
            var name = Checked(parse.GetValue(queue)!);
            var one = parse.GetValue(id);
            if ((one is null) == !parse.GetValue(all)) throw new CliUsageException("give either --id ID (one message) or --all");
            var services = await context.ServicesAsync(cancellationToken);
            var replayed = await services.GetRequiredService<PoisonQueues>().ReplayAsync(name, one, cancellationToken);
            if (one is not null && replayed.Count == 0) throw new CliUsageException($"no message {one} in {PoisonQueues.PoisonName(name)}");
            Console.WriteLine($"replayed {replayed.Count} message{(replayed.Count == 1 ? "" : "s")} from {PoisonQueues.PoisonName(name)} to {name}");
            return 0;
        });

        return new Command("poison", "Inspect and replay the poison queues") { list, replay };
    }

    private static string Checked(string queue)
    {
        try
        {
            PoisonQueues.CheckQueue(queue);
            return queue;
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
