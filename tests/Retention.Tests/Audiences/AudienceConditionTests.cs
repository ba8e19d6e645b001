using Retention.Core.Audiences;

namespace Retention.Tests.Audiences;

/// <summary>A shop's own audience filters: what parses, what it matches, and one readable sentence for what does not.</summary>
public class AudienceConditionTests
{
    private static AudienceCustomer Customer(string? churnRisk = "high", double? pAlive = 0.3, decimal clv = 120m, int days = 95, int orders = 3,
        string? segment = "at_risk") =>
        new("c:42", orders, days, 30, false, clv, 80.5, pAlive, churnRisk, segment, false)
        {
            FirstProducts = ["p1", "p2"],
            FirstCategories = ["Tea"],
            FirstChannel = "google / cpc",
            Country = "DE",
        };

    private static AudienceCondition Parse(string text)
    {
        var (condition, problem) = AudienceCondition.Parse(text);
        Assert.True(condition is not null, problem);
        return condition;
    }

    [Theory]
    [InlineData("churn_risk=high", true)]
    [InlineData("churn_risk=HIGH", true)]
    [InlineData("churn_risk=low,medium", false)]
    [InlineData("churn_risk!=low,medium", true)]
    [InlineData("segment=at_risk,cant_lose_them", true)]
    [InlineData("p_alive=0.2..0.3", true)]
    [InlineData("p_alive=0.31..0.6", false)]
    [InlineData("p_alive<0.3", false)]
    [InlineData("p_alive<=0.3", true)]
    [InlineData("historic_clv>=120", true)]
    [InlineData("historic_clv>120", false)]
    [InlineData("historic_clv=100..", true)]
    [InlineData("predicted_clv=..80", false)]
    [InlineData("days_since_last_order=90..180", true)]
    [InlineData("orders=3", true)]
    [InlineData("first_product=p2", true)]
    [InlineData("first_product!=p2", false)]
    [InlineData("first_category=tea", true)]
    [InlineData("first_channel=google / cpc", true)]
    [InlineData("country=AT", false)]
    [InlineData(" country = DE ", true)]
    public void A_condition_matches_as_written(string text, bool matches) => Assert.Equal(matches, Parse(text).Matches(Customer()));

    [Theory]
    [InlineData("churn_risk=high")]
    [InlineData("churn_risk!=high")]
    [InlineData("p_alive=0.2..0.6")]
    [InlineData("predicted_clv>=100")]
    public void A_customer_without_the_value_matches_no_condition_on_it(string text) =>
        Assert.False(Parse(text).Matches(Customer(churnRisk: null, pAlive: null) with { PredictedClv = null }));

    [Theory]
    [InlineData("p_alive=0.2..0.6")]
    [InlineData("historic_clv>=100")]
    [InlineData("days_since_last_order<30")]
    [InlineData("segment=at_risk,cant_lose_them")]
    [InlineData("first_channel!=google / cpc")]
    [InlineData("orders=2")]
    public void A_condition_is_stored_as_text_that_parses_to_the_same_condition(string text)
    {
        var condition = Parse(text);
        var again = Parse(condition.ToString());
        Assert.Equal(condition.ToString(), again.ToString());
        Assert.Equal(text, condition.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("churn_risk", "no operator")]
    [InlineData("email=someone@example.com", "'email' is not a field")]
    [InlineData("churn_risk>=high", "churn_risk is text")]
    [InlineData("p_alive!=0.5", "p_alive is a number")]
    [InlineData("p_alive=high", "p_alive: 'high' is not a number")]
    [InlineData("p_alive=0.6..0.2", "the minimum is above the maximum")]
    [InlineData("p_alive=..", "open at both ends")]
    [InlineData("historic_clv>=NaN", "is not a number")]
    [InlineData("segment=", "has no value")]
    [InlineData("segment=,,", "has no value")]
    public void A_bad_condition_is_one_sentence_naming_what_is_wrong(string text, string expected)
    {
        var (condition, problem) = AudienceCondition.Parse(text);
        Assert.Null(condition);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain('\n', problem!);
    }

    [Theory]
    [InlineData("Win-Back", "lowercase")]
    [InlineData("win back", "lowercase")]
    [InlineData("vip", "built-in")]
    [InlineData("-x", "starting with a letter")]
    public void A_bad_audience_name_is_refused(string name, string expected)
    {
        var (audience, problem) = AudienceDefinition.Custom(name, ["churn_risk=high"]);
        Assert.Null(audience);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void An_audience_is_every_one_of_its_conditions_at_once()
    {
        var (audience, problem) = AudienceDefinition.Custom("lapsed-germans", ["country=DE", "days_since_last_order>=90"]);
        Assert.True(audience is not null, problem);
        Assert.Equal("country=DE and days_since_last_order>=90", audience.Rule);
        Assert.True(audience.NeedsFirstOrder);
        var baseline = new AudienceBaseline(0m, null, 30);
        Assert.True(audience.Matches(Customer(), baseline));
        Assert.False(audience.Matches(Customer(days: 60), baseline));
        Assert.False(audience.Matches(Customer() with { Country = "AT" }, baseline));
        Assert.Null(AudienceDefinition.Custom("no-conditions", []).Audience);
    }
}
