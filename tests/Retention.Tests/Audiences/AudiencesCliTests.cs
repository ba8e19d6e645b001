using Retention.Tests.Support;

namespace Retention.Tests.Audiences;

/// <summary><c>retention audiences add|list|remove</c> as a user runs them, against Azurite.</summary>
public class AudiencesCliTests : CliAgainstAzurite
{
    [Fact]
    public async Task An_audience_added_is_listed_after_the_built_in_ones_and_removed()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-audiences", "--timezone", "UTC", "--currency", "EUR", "--control-share", "0.2")).ExitCode);
        var added = await Run("audiences", "add", "--shop", "cli-audiences", "--name", "lapsed-germans",
            "--where", "country=DE", "--where", "days_since_last_order=90..");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("audience lapsed-germans of cli-audiences: country=DE and days_since_last_order=90..", added.Output);

        var listed = await Run("audiences", "list", "--shop", "cli-audiences");
        Assert.Equal(0, listed.ExitCode);
        var names = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["win-back", "about-to-lapse", "vip", "second-order-nudge", "high-predicted-value", "lapsed-germans"], names);

        Assert.Equal(0, (await Run("audiences", "remove", "--shop", "cli-audiences", "--name", "lapsed-germans")).ExitCode);
        Assert.DoesNotContain("lapsed-germans", (await Run("audiences", "list", "--shop", "cli-audiences")).Output);
    }

    [Theory]
    [InlineData("add", "--name", "x1", "--where", "email=a@example.com", "'email' is not a field")]
    [InlineData("add", "--name", "x1", "--where", "p_alive=0.9..0.1", "the minimum is above the maximum")]
    [InlineData("add", "--name", "Bad Name", "--where", "orders>=2", "lowercase letters")]
    [InlineData("add", "--name", "vip", "--where", "orders>=2", "built-in")]
    [InlineData("remove", "--name", "vip", null, null, "built in")]
    [InlineData("remove", "--name", "no-such", null, null, "has no audience 'no-such'")]
    public async Task A_bad_audience_or_filter_exits_non_zero_with_one_line_and_stores_nothing(string verb, string nameOption, string name,
        string? whereOption, string? where, string expected)
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-bad-audience", "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        string[] arguments = whereOption is null
            ? ["audiences", verb, "--shop", "cli-bad-audience", nameOption, name]
            : ["audiences", verb, "--shop", "cli-bad-audience", nameOption, name, whereOption, where!];
        var result = await Run(arguments);
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: ", line);
        Assert.Contains(expected, line);
        Assert.Equal(5, (await Run("audiences", "list", "--shop", "cli-bad-audience")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_control_share_above_one_half_is_refused_by_shops_add()
    {
        var result = await Run("shops", "add", "--shop", "cli-share", "--timezone", "UTC", "--currency", "EUR", "--control-share", "0.6");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("control share", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Spend_for_an_audience_is_retention_spend_of_its_month_and_must_name_one_of_the_shops_audiences()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-audience-spend", "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        var added = await Run("spend", "add", "--shop", "cli-audience-spend", "--month", "2025-03", "--amount", "400", "--audience", "win-back");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("retention spend is now 400.00", added.Output);

        var unknown = await Run("spend", "add", "--shop", "cli-audience-spend", "--month", "2025-03", "--amount", "10", "--audience", "no-such");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("has no audience 'no-such'", Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var both = await Run("spend", "add", "--shop", "cli-audience-spend", "--month", "2025-03", "--amount", "10", "--audience", "vip",
            "--channel", "google / cpc");
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("give one of them", both.Error);
        Assert.Matches(@"^2025-03\s+400\.00$", (await Run("spend", "list", "--shop", "cli-audience-spend")).Output.Trim());
    }

    [Fact]
    public async Task Subscribe_prints_a_secret_once_that_verifies_and_lists_the_subscription_until_it_is_cancelled()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-subscribe", "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        var subscribed = await Run("audiences", "subscribe", "--shop", "cli-subscribe", "--url", "https://hooks.example.com/retention",
            "--audience", "win-back", "--audience", "vip");
        Assert.Equal(0, subscribed.ExitCode);
        var id = System.Text.RegularExpressions.Regex.Match(subscribed.Output, @"subscription (sub_[0-9a-f]{24})").Groups[1].Value;
        var secret = System.Text.RegularExpressions.Regex.Match(subscribed.Output, @"(whsec_[A-Za-z0-9+/=]+)").Groups[1].Value;
        Assert.NotEmpty(id);
        // The secret is the shop's derivation, so the sender signs with what the user was shown, and it is nowhere in storage.
        var shopSecret = new Retention.Cli.Settings.LocalSettingsFile(SettingsPath).ReadValues()["Shops__cli-subscribe__WebhookSecret"];
        Assert.Equal(Retention.Core.Audiences.Delivery.AudienceSubscriptionSecret.Derive(shopSecret, id), secret);
        Assert.Empty(await StoredData.MentionsAsync(Retention.Pipeline.Storage.RetentionStorage.FromConnectionString(Storage.ConnectionString), secret[6..]));

        var listed = await Run("audiences", "subscriptions", "--shop", "cli-subscribe");
        Assert.Contains($"{id}  active  https://hooks.example.com/retention  win-back,vip", listed.Output);
        Assert.DoesNotContain("whsec_", listed.Output);
        Assert.Equal(0, (await Run("audiences", "unsubscribe", "--shop", "cli-subscribe", "--id", id)).ExitCode);
        Assert.Contains($"{id}  cancelled: unsubscribed", (await Run("audiences", "subscriptions", "--shop", "cli-subscribe")).Output);
        Assert.Equal("", (await Run("audiences", "deliveries", "list", "--shop", "cli-subscribe")).Output.Trim());
    }

    [Theory]
    [InlineData("subscribe --url ftp://example.com/x", "--url must be https")]
    [InlineData("subscribe --url http://example.com/hook", "--url must be https")]
    [InlineData("subscribe --url https://user:pw@example.com/hook", "user name or password")]
    [InlineData("subscribe --url not-a-url", "absolute URL")]
    [InlineData("subscribe --url https://example.com/h --audience no-such", "has no audience 'no-such'")]
    [InlineData("unsubscribe --id sub_000000000000000000000000", "no active subscription")]
    [InlineData("deliveries list --status lost", "--status must be pending, delivered, dead or cancelled")]
    [InlineData("deliveries replay", "give --id (one or more dead letters) or --all")]
    [InlineData("deliveries replay --all --id msg_1", "give --id (one or more dead letters) or --all")]
    [InlineData("deliveries replay --id msg_1", "not dead letters")]
    public async Task A_bad_subscription_or_delivery_option_exits_non_zero_with_one_line_and_subscribes_nothing(string arguments, string expected)
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", "cli-bad-sub", "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        var words = arguments.Split(' ');
        string[] command = ["audiences", .. words.TakeWhile(w => !w.StartsWith("--", StringComparison.Ordinal)), "--shop", "cli-bad-sub",
            .. words.SkipWhile(w => !w.StartsWith("--", StringComparison.Ordinal))];
        var result = await Run(command);
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Equal("", (await Run("audiences", "subscriptions", "--shop", "cli-bad-sub")).Output.Trim());
    }
}
