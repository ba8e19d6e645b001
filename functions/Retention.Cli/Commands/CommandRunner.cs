using System.CommandLine;
using System.CommandLine.Invocation;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary>
/// Runs a command's body and turns what goes wrong into one readable line and an exit code: 2 for a usage
/// mistake, 1 for anything else. A stack trace helps no one who typed a wrong date.
/// </summary>
public static class CommandRunner
{
    /// <summary>Sets the body of a command that works on storage (the safe default: <c>./run.sh</c> starts Azurite for it).</summary>
    public static void SetAction(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(StorageNeed.Always, body);

    /// <summary>Sets a command's body and says when it needs storage, which <see cref="StorageProbe"/> answers without running it.</summary>
    /// <param name="needsStorage">whether this command line reaches storage: <see cref="StorageNeed.Never"/>, or a rule on its options.</param>
    public static void SetAction(this Command command, Func<ParseResult, bool> needsStorage, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.Action = new RetentionAction(body, needsStorage);

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine("retention: " + message);
        return code;
    }
}

/// <summary>A command's body with what it needs: storage or not. Errors become one line, as <see cref="CommandRunner"/> says.</summary>
public sealed class RetentionAction(Func<ParseResult, CliContext, CancellationToken, Task<int>> body, Func<ParseResult, bool> needsStorage)
    : AsynchronousCommandLineAction
{
    public bool NeedsStorage(ParseResult parse) => needsStorage(parse);

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var context = new CliContext(parseResult, NeedsStorage(parseResult));
            return await body(parseResult, context, cancellationToken);
        }
        catch (CliUsageException e)
        {
            return CommandRunner.Fail(2, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CommandRunner.Fail(130, "cancelled");
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            return CommandRunner.Fail(1, "storage is unreachable: check --storage / RETENTION_STORAGE, or start Azurite (./run.sh does)");
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or Azure.RequestFailedException)
        {
            return CommandRunner.Fail(1, e.Message.Split('\n')[0]);
        }
    }
}

/// <summary>The two plain answers to "does this command need storage?".</summary>
public static class StorageNeed
{
    public static readonly Func<ParseResult, bool> Always = _ => true;
    public static readonly Func<ParseResult, bool> Never = _ => false;
}

/// <summary>A mistake in what the user typed; the message says what to type instead.</summary>
public sealed class CliUsageException(string message) : Exception(message);
