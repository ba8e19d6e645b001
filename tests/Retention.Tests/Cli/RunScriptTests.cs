using System.Text.Json;
using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>./run.sh &lt;command&gt;</c> as a command line: standard output is the command's own and nothing else, the script's
/// chatter is on standard error, and Azurite starts only for a command that reaches storage.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private const string AzuriteLine = "Azurite on ";
    private readonly RunScript _script = new();

    public void Dispose() => _script.Dispose();

    /// <summary>Five hundred customers of the published CDNOW summary, in the summary format <c>model fit</c> reads.</summary>
    private string SmallSummary()
    {
        var published = File.ReadAllLines(RepositoryRoot.Shared("reference", "cdnow", "cdnow_customers_summary_with_transactions.csv"));
        var path = Path.Combine(_script.Folder, "summary.csv");
        File.WriteAllLines(path, ["customer_id,x,t_x,T,monetary", .. published.Skip(1).Take(500)]);
        return path;
    }

    [Fact]
    public async Task Model_fit_redirected_to_a_file_gives_pure_json_and_starts_no_azurite()
    {
        var result = await _script.RunAsync("model", "fit", "--input", SmallSummary(), "--format", "summary");

        Assert.True(result.ExitCode == 0, $"run.sh exited with {result.ExitCode}: {result.Error}");
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("bgnbd", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(500, json.RootElement.GetProperty("customersInFile").GetInt32());
        Assert.DoesNotContain(AzuriteLine, result.Error);
        Assert.Contains("building ...", result.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_is_on_standard_output_and_starts_no_azurite(string word)
    {
        var result = await _script.RunAsync(word);

        Assert.True(result.ExitCode == 0, $"run.sh {word} exited with {result.ExitCode}: {result.Error}");
        Assert.StartsWith("Description:", result.Output);
        Assert.Contains("shops", result.Output);
        Assert.DoesNotContain(AzuriteLine, result.Error);
        Assert.DoesNotContain("building", result.Output);
    }

    [Fact]
    public async Task A_storage_command_gets_azurite_and_says_so_on_standard_error_only()
    {
        var result = await _script.RunAsync("--in-memory", "shops", "list");

        Assert.True(result.ExitCode == 0, $"run.sh shops list exited with {result.ExitCode}: {result.Error}");
        Assert.Contains(AzuriteLine, result.Error);
        // No shop registered: the list is empty, and so is standard output.
        Assert.Equal("", result.Output);
    }
}
