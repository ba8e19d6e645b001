using System.Net;
using System.Text;
using System.Text.Json;
using Retention.Pipeline.Spend;
using Retention.Tests.Support;

namespace Retention.Tests.Integration;

/// <summary>POST /api/spend/{shop} over real HTTP into the retentionspend table.</summary>
public class RetentionSpendTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static byte[] Spend(string month, string amount, string? note = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new { month, amount, note });

    [Fact]
    public async Task Signed_spend_is_recorded_once_per_delivery_and_summed_per_month()
    {
        var credentials = await pipeline.RegisterShopAsync("spend-shop");
        foreach (var (id, month, amount) in new[] { ("s1", "2025-03", "1200.00"), ("s2", "2025-03", "300.50"), ("s1", "2025-03", "1200.00"), ("s3", "2025-04", "99") })
        {
            using var response = await pipeline.PostSignedAsync("api/spend/spend-shop", Spend(month, amount, "win-back"), credentials.WebhookSecret, id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var totals = await pipeline.Service<RetentionSpendTable>().MonthlyTotalsAsync("spend-shop", default);
        Assert.Equal(new Dictionary<DateOnly, decimal> { [new(2025, 3, 1)] = 1500.50m, [new(2025, 4, 1)] = 99m }, totals);
    }

    [Theory]
    [InlineData("""{"month":"2025-13","amount":"1"}""", "month")]
    [InlineData("""{"month":"March","amount":"1"}""", "month")]
    [InlineData("""{"month":"2025-03","amount":"-5"}""", "amount")]
    [InlineData("""{"month":"2025-03","amount":"lots"}""", "amount")]
    [InlineData("""{"month":"2025-03"}""", "amount")]
    [InlineData("""{"month":"2025-03","amount":"1","note":7}""", "note")]
    [InlineData("""not json""", "$")]
    public async Task Invalid_spend_is_refused_naming_the_field_and_nothing_is_recorded(string body, string field)
    {
        var shop = "spend-bad-" + Math.Abs(body.GetHashCode() % 100000);
        var credentials = await pipeline.RegisterShopAsync(shop);
        using var response = await pipeline.PostSignedAsync($"api/spend/{shop}", Encoding.UTF8.GetBytes(body), credentials.WebhookSecret, "s-bad");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.Empty(await pipeline.Service<RetentionSpendTable>().MonthlyTotalsAsync(shop, default));
    }

    [Fact]
    public async Task Spend_signed_with_another_shops_secret_is_refused()
    {
        await pipeline.RegisterShopAsync("spend-victim");
        var attacker = await pipeline.RegisterShopAsync("spend-attacker");
        using var response = await pipeline.PostSignedAsync("api/spend/spend-victim", Spend("2025-03", "1"), attacker.WebhookSecret, "s-x");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await pipeline.Service<RetentionSpendTable>().MonthlyTotalsAsync("spend-victim", default));
    }
}
