namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention help [command …]</c> is <c>retention [command …] --help</c>: people type it, and "unrecognized command
/// 'help'" tells them nothing they can use.
/// </summary>
public static class HelpWord
{
    public const string Word = "help";

    public static string[] Expand(string[] args) => args is [Word, .. var command] ? [.. command, "--help"] : args;
}
