using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention bench load</c> end to end, small: it runs its own local host on a bare Azurite, sends the burst, checks the
/// store and prints its figures. Only that it ran and found nothing lost is asserted; the figures are the bench's to print.
/// </summary>
public class LoadBenchCommandTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private readonly string _settings = Path.Combine(Directory.CreateTempSubdirectory("retention-bench-").FullName, "local.settings.json");

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_settings)!, recursive: true);
    }

    [Fact]
    public async Task A_small_burst_is_stored_whole_and_every_figure_is_printed()
    {
        var result = await RetentionCli.RunAsync("bench", "load", "--events", "400", "--concurrency", "16",
            "--storage", _azurite.ConnectionString, "--settings", _settings);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("400 / 0 / 0 / 400   nothing lost or doubled: yes; poisoned 0", result.Output);
        foreach (var figure in new[] { "refused at the signature", "deliveries per batch", "one blob put + one queue put, alone", "end to end / raw table upsert (all)" })
            Assert.Contains(figure, result.Output);
    }
}
