using System.CommandLine;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention needs-storage &lt;command line&gt;</c> prints <c>storage</c> when that command line would reach storage and
/// <c>no-storage</c> when it never does, without running it. <c>./run.sh</c> asks before it starts Azurite, so a model fit,
/// <c>--help</c> or a mistyped command starts nothing; the answer comes from each command's own declaration
/// (<see cref="CommandRunner.SetAction(Command, Func{ParseResult, bool}, Func{ParseResult, CliContext, CancellationToken, Task{int}})"/>),
/// not from a list of words kept beside it. Not a command in the help: it is a question for scripts.
/// </summary>
public static class StorageProbe
{
    public const string Word = "needs-storage";

    public static string Answer(ParseResult parse) => NeedsStorage(parse) ? "storage" : "no-storage";

    /// <summary>
    /// Help, the version and a command line with a mistake in it end before any command runs; so does a command word
    /// without a body of its own (<c>retention shops</c> prints what it is missing).
    /// </summary>
    public static bool NeedsStorage(ParseResult parse) =>
        parse.Errors.Count == 0 && parse.Action is RetentionAction action && action.NeedsStorage(parse);
}
