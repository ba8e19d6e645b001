using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention needs-storage &lt;command line&gt;</c>, the question <c>run.sh</c> asks before it starts Azurite, answered by the
/// built command line from each command's own declaration.
/// </summary>
public class StorageProbeTests
{
    [Theory]
    [InlineData("model fit --input summary.csv --format summary", "no-storage")]
    [InlineData("bench models", "no-storage")]
    [InlineData("bench nightly --orders 1000", "no-storage")]
    [InlineData("bench nightly --from-storage", "storage")]
    [InlineData("--help", "no-storage")]
    [InlineData("-h", "no-storage")]
    [InlineData("--version", "no-storage")]
    [InlineData("help", "no-storage")]
    [InlineData("help shops add", "no-storage")]
    [InlineData("shops add --help", "no-storage")]
    [InlineData("no-such-command", "no-storage")]
    [InlineData("shops", "no-storage")]
    [InlineData("shops add --shop a --timezone UTC --currency EUR", "storage")]
    [InlineData("shops list", "storage")]
    [InlineData("snapshot --shop a --as-of 2025-01-01", "storage")]
    [InlineData("serve", "storage")]
    [InlineData("demo --customers 10", "storage")]
    [InlineData("bench load", "storage")]
    [InlineData("bench import", "storage")]
    public async Task Each_command_line_is_answered_as_its_command_declares(string commandLine, string expected)
    {
        var result = await RetentionCli.RunAsync(["needs-storage", .. commandLine.Split(' ')]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(expected, result.Output.Trim());
    }
}
