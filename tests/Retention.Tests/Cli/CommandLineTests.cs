using Retention.Core.Webhooks;
using Retention.Tests.Support;

namespace Retention.Tests.Cli;

public class CommandLineTests : CliAgainstAzurite
{
    [Theory]
    [InlineData("shops add --shop Bad_Id --timezone Europe/Berlin --currency EUR", "shop id")]
    [InlineData("shops add --shop good-shop --timezone Mars/Olympus --currency EUR", "time zone")]
    [InlineData("shops add --shop good-shop --timezone Europe/Berlin --currency euro", "currency")]
    [InlineData("shops add --shop good-shop --timezone Europe/Berlin --currency EUR --secret plain", "whsec_")]
    [InlineData("shops add --shop good-shop --currency EUR", "--timezone")]
    [InlineData("snapshot --shop good-shop --as-of 2025-13-01", "YYYY-MM-DD")]
    [InlineData("snapshot --shop good-shop --from 2025-03-01", "--from D1 and --to D2")]
    [InlineData("snapshot --shop good-shop --as-of 2025-03-01 --from 2025-03-01 --to 2025-03-02", "either")]
    [InlineData("snapshot --shop good-shop --from 2025-03-05 --to 2025-03-01", "not be before")]
    [InlineData("snapshot --shop never-registered --as-of 2025-03-01", "not registered")]
    [InlineData("no-such-command", "no-such-command")]
    [InlineData("shops add --shop good-shop --timezone UTC --currency EUR --gross-margin 1.5", "gross margin")]
    [InlineData("shops add --shop good-shop --timezone UTC --currency EUR --churn-days 0", "churn threshold")]
    [InlineData("spend add --shop good-shop --month 2025-3 --amount 10", "--month")]
    [InlineData("spend add --shop good-shop --month 2025-03 --amount ten", "--amount")]
    [InlineData("spend add --shop never-registered --month 2025-03 --amount 10", "not registered")]
    public async Task A_mistake_exits_non_zero_with_one_readable_line(string arguments, string mentions)
    {
        var result = await Run(arguments.Split(' '));
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: ", line);
        Assert.Contains(mentions, line);
    }

    [Fact]
    public async Task Shops_add_keeps_the_secret_inSettingsPath_and_the_shop_in_the_table()
    {
        var added = await Run("shops", "add", "--shop", "cli-shop", "--timezone", "Europe/Berlin", "--currency", "EUR");
        Assert.Equal(0, added.ExitCode);
        var values = new Retention.Cli.Settings.LocalSettingsFile(SettingsPath).ReadValues();
        var secret = values["Shops__cli-shop__WebhookSecret"];
        Assert.StartsWith("whsec_", secret);
        Assert.True(StandardWebhookSignature.TryDecodeSecret(secret, out _));
        Assert.Contains(secret, added.Output);
        Assert.Contains(secret, File.ReadAllText(SettingsPath));
        var salt = values["Shops__cli-shop__CustomerIdSalt"];

        var listed = await Run("shops", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("cli-shop", listed.Output);
        Assert.Contains("Europe/Berlin", listed.Output);
        Assert.DoesNotContain(secret, listed.Output);

        // Registering again with a new time zone keeps the salt: guest customers must keep their identity. The secret is
        // kept too, and not printed again: a generated secret is shown once, when it is made.
        var again = await Run("shops", "add", "--shop", "cli-shop", "--timezone", "Europe/Paris", "--currency", "EUR");
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain(secret, again.Output);
        Assert.Equal(salt, new Retention.Cli.Settings.LocalSettingsFile(SettingsPath).ReadValues()["Shops__cli-shop__CustomerIdSalt"]);
        Assert.Equal(secret, new Retention.Cli.Settings.LocalSettingsFile(SettingsPath).ReadValues()["Shops__cli-shop__WebhookSecret"]);
    }

    [Fact]
    public async Task Snapshot_on_demand_prints_the_figures_of_an_empty_shop()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "empty-shop", "--timezone", "UTC", "--currency", "USD")).ExitCode);
        var result = await Run("snapshot", "--shop", "empty-shop", "--as-of", "2025-03-01");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Snapshot of empty-shop as of 2025-03-01", result.Output);
        Assert.Matches(@"customers\s+0", result.Output);
    }

    [Fact]
    public async Task ShopSettingsPath_change_the_snapshot_and_spend_is_listed_per_month()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "set-shop", "--timezone", "UTC", "--currency", "EUR", "--churn-days", "60", "--gross-margin", "0.4")).ExitCode);
        var snapshot = await Run("snapshot", "--shop", "set-shop", "--as-of", "2025-03-01");
        Assert.Equal(0, snapshot.ExitCode);
        Assert.Matches(@"churned after \(days\)\s+60 \(setting\)", snapshot.Output);

        // Re-registering without settings keeps them.
        Assert.Equal(0, (await Run("shops", "add", "--shop", "set-shop", "--timezone", "Europe/Paris", "--currency", "EUR")).ExitCode);
        Assert.Matches(@"60 \(setting\)", (await Run("snapshot", "--shop", "set-shop", "--as-of", "2025-03-01")).Output);

        Assert.Equal(0, (await Run("spend", "add", "--shop", "set-shop", "--month", "2025-03", "--amount", "100.50", "--note", "e-mail")).ExitCode);
        Assert.Equal(0, (await Run("spend", "add", "--shop", "set-shop", "--month", "2025-03", "--amount", "20")).ExitCode);
        Assert.Equal(0, (await Run("spend", "add", "--shop", "set-shop", "--month", "2025-04", "--amount", "5")).ExitCode);
        var listed = await Run("spend", "list", "--shop", "set-shop");
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"2025-03\s+120\.50", listed.Output);
        Assert.Matches(@"2025-04\s+5\.00", listed.Output);
    }
}
