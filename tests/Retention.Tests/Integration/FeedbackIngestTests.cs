using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Core.Feedback;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Datasets;

namespace Retention.Tests.Integration;

/// <summary>POST /api/feedback/{shop} over real HTTP, through the claim-check queue into the feedback table and the snapshot.</summary>
public class FeedbackIngestTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static byte[] Answer(string id, string customer, string kind, int score, string? reason = null, string at = "2025-03-05T10:00:00Z") =>
        Encoding.UTF8.GetBytes($$"""
            {"answer_id":"{{id}}","survey_id":"s-1","customer":{{customer}},"kind":"{{kind}}","score":{{score}},
             {{(reason is null ? "" : $"\"reason\":\"{reason}\",")}}"comment":"Call me on +49 30 1234567","submitted_at":"{{at}}"}
            """);

    [Fact]
    public async Task Survey_answers_are_stored_once_and_give_the_nps_and_csat_of_the_snapshot()
    {
        var credentials = await pipeline.RegisterShopAsync("fb-shop");
        // Hand computation: NPS answers 10, 9 (promoters) and 3 (detractor): (2 - 1) / 3 = 33.3333; CSAT 5 and 2: 1 of 2 = 50 %.
        var answers = new[]
        {
            ("a1", """{"id":"c-1"}""", "nps", 10, null),
            ("a2", """{"id":"c-2"}""", "nps", 9, null),
            ("a3", """{"email":"Guest@Example.com"}""", "nps", 3, "price"),
            ("a4", """{"id":"c-1"}""", "csat", 5, null),
            ("a5", """{"id":"c-3"}""", "csat", 2, "delivery"),
        };
        foreach (var (id, customer, kind, score, reason) in answers.Concat([answers[0]]))
        {
            using var response = await pipeline.PostSignedAsync("api/feedback/fb-shop", Answer(id, customer, kind, score, reason), credentials.WebhookSecret, "fb_" + id);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await pipeline.DrainAsync();

        var stored = await pipeline.Service<FeedbackTable>().ReadShopAsync("fb-shop", default);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], stored.Select(a => a.AnswerId));
        Assert.StartsWith("e:", stored.Single(a => a.AnswerId == "a3").CustomerKey);
        Assert.Equal(ReasonForLeaving.Delivery, stored.Single(a => a.AnswerId == "a5").Reason);
        var raw = (await pipeline.Service<RawEventCatalog>().ReadAsync(RawEventArchive.BlobName("fb-shop", "feedback", "fb_a3"), default))!.ToString();
        Assert.DoesNotContain("Guest@Example.com", raw, StringComparison.OrdinalIgnoreCase);

        var snapshot = await pipeline.Service<SnapshotService>().ComputeAsync("fb-shop", new DateOnly(2025, 3, 31), default);
        Assert.Equal(33.3333m, snapshot.Feedback.Overall.Nps.Score);
        Assert.Equal(50m, snapshot.Feedback.Overall.Csat.Score);
        var row = await pipeline.Storage.Table(StorageNames.SnapshotsTable).GetEntityAsync<TableEntity>("fb-shop", "2025-03-31");
        Assert.Equal("33.3333", row.Value.GetString("Nps"));
        var months = await pipeline.Service<SnapshotDayWriter>().ReadDayAsync(NightlyDatasets.Feedback.Table, "fb-shop", new DateOnly(2025, 3, 31), default);
        Assert.Equal(["2025-03", "all"], months.Select(r => r.RowKey));
    }

    [Theory]
    [InlineData("nps", 11, "score")]
    [InlineData("csat", 0, "score")]
    [InlineData("stars", 3, "kind")]
    public async Task An_out_of_range_answer_is_refused_naming_the_field_and_nothing_is_stored(string kind, int score, string field)
    {
        var shop = $"fb-bad-{kind}-{score}";
        var credentials = await pipeline.RegisterShopAsync(shop);
        using var response = await pipeline.PostSignedAsync($"api/feedback/{shop}", Answer("x", """{"id":"c"}""", kind, score), credentials.WebhookSecret, "fb_x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        await pipeline.DrainAsync();
        Assert.Empty(await pipeline.Service<FeedbackTable>().ReadShopAsync(shop, default));
        Assert.Equal(0, await pipeline.RawEventCountAsync(shop));
    }
}
