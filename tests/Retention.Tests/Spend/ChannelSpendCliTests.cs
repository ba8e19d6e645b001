using Retention.Tests.Support;

namespace Retention.Tests.Spend;

/// <summary><c>retention spend add --channel</c> and <c>spend list</c> as a user runs them, against Azurite.</summary>
public class ChannelSpendCliTests : CliAgainstAzurite
{
    [Fact]
    public async Task Spend_added_with_a_channel_is_listed_under_its_channel_and_apart_from_retention_spend()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-channel", "--timezone", "UTC", "--currency", "EUR")).ExitCode);

        var added = await Run("spend", "add", "--shop", "cli-channel", "--month", "2025-03", "--amount", "250", "--channel", "Google / CPC");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("spend on google / cpc is now 250.00", added.Output);
        var again = await Run("spend", "add", "--shop", "cli-channel", "--month", "2025-03", "--amount", "50.25", "--channel", "google / cpc");
        Assert.Contains("spend on google / cpc is now 300.25", again.Output);
        Assert.Equal(0, (await Run("spend", "add", "--shop", "cli-channel", "--month", "2025-03", "--amount", "80", "--channel", "newsletter / email")).ExitCode);
        var retention = await Run("spend", "add", "--shop", "cli-channel", "--month", "2025-03", "--amount", "20", "--note", "win-back");
        Assert.Contains("retention spend is now 20.00", retention.Output);

        var listed = await Run("spend", "list", "--shop", "cli-channel");
        Assert.Equal(0, listed.ExitCode);
        var lines = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^2025-03\s+20\.00$", lines[0]);
        Assert.Equal("acquisition spend by channel:", lines[1]);
        Assert.Matches(@"^2025-03\s+300\.25\s+google / cpc$", lines[2]);
        Assert.Matches(@"^2025-03\s+80\.00\s+newsletter / email$", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [InlineData("google")]
    [InlineData("google/cpc")]
    [InlineData("google / ")]
    public async Task A_channel_that_is_not_source_slash_medium_exits_non_zero_naming_channel_and_records_nothing(string channel)
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-bad-channel", "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        var result = await Run("spend", "add", "--shop", "cli-bad-channel", "--month", "2025-03", "--amount", "10", "--channel", channel);
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: --channel", line);
        Assert.Contains("source / medium", line);
        Assert.Equal("", (await Run("spend", "list", "--shop", "cli-bad-channel")).Output.Trim());
    }
}
