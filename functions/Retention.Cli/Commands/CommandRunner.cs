using System.CommandLine;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary>
/// Runs a command's body and turns what goes wrong into one readable line and an exit code: 2 for a usage
/// mistake, 1 for anything else. A stack trace helps no one who typed a wrong date.
/// </summary>
public static class CommandRunner
{
    public static void SetAction(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var context = new CliContext(parse);
                return await body(parse, context, cancellationToken);
            }
            catch (CliUsageException e)
            {
                return Fail(2, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(130, "cancelled");
            }
            catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
            {
                return Fail(1, "storage is unreachable: check --storage / RETENTION_STORAGE, or start Azurite (./run.sh does)");
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or Azure.RequestFailedException)
            {
                return Fail(1, e.Message.Split('\n')[0]);
            }
        });

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine("retention: " + message);
        return code;
    }
}

/// <summary>A mistake in what the user typed; the message says what to type instead.</summary>
public sealed class CliUsageException(string message) : Exception(message);
