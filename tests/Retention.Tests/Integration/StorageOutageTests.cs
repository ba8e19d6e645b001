using System.Net;
using Retention.Tests.Support;

namespace Retention.Tests.Integration;

/// <summary>With storage down, a webhook is answered 503 with Retry-After, so the platform sends it again.</summary>
public class StorageOutageTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task Webhooks_get_503_with_retry_after_and_health_says_unhealthy_while_storage_is_down()
    {
        var credentials = await pipeline.RegisterShopAsync("outage-shop");
        var body = "{\"order_id\":\"1\",\"customer\":{\"id\":\"c\"},\"ordered_at\":\"2025-03-01T10:00:00Z\",\"total\":\"5\"}"u8.ToArray();
        using (var before = await pipeline.PostGenericAsync("outage-shop", body, credentials.WebhookSecret, "msg_before"))
            Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);

        await pipeline.Azurite.StopAsync();

        using var during = await pipeline.PostGenericAsync("outage-shop", body, credentials.WebhookSecret, "msg_during");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("send it again", await during.Content.ReadAsStringAsync());

        using var health = await pipeline.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("unhealthy", await health.Content.ReadAsStringAsync());

        await pipeline.Azurite.RestartAsync();
    }
}
