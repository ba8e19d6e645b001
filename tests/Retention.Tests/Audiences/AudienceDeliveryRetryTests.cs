using Retention.Core.Audiences.Delivery;

namespace Retention.Tests.Audiences;

/// <summary>The back-off of a failed audience webhook, and what each answer ends in.</summary>
public class AudienceDeliveryRetryTests
{
    [Fact]
    public void The_wait_doubles_from_thirty_seconds_to_an_hour_and_retries_last_at_least_a_day()
    {
        var retry = AudienceDeliveryRetry.Default;
        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3600, 3600], Enumerable.Range(1, 9).Select(a => (int)retry.DelayAfter(a).TotalSeconds));

        // Simulate a receiver that never answers: attempts until the schedule gives up.
        var first = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var now = first;
        var attempts = 1;
        while (!retry.IsExhausted(first, now, attempts))
        {
            now += retry.DelayAfter(attempts);
            attempts++;
        }
        Assert.True(now - first >= TimeSpan.FromHours(24), $"gave up after {now - first}");
        Assert.True(now - first <= TimeSpan.FromHours(26), $"kept trying for {now - first}");
        Assert.InRange(attempts, 25, 35);
    }

    [Theory]
    [InlineData(200, AudienceDeliveryOutcome.Delivered)]
    [InlineData(204, AudienceDeliveryOutcome.Delivered)]
    [InlineData(410, AudienceDeliveryOutcome.Gone)]
    [InlineData(400, AudienceDeliveryOutcome.DeadLetter)]
    [InlineData(401, AudienceDeliveryOutcome.DeadLetter)]
    [InlineData(404, AudienceDeliveryOutcome.DeadLetter)]
    [InlineData(408, AudienceDeliveryOutcome.Retry)]
    [InlineData(429, AudienceDeliveryOutcome.Retry)]
    [InlineData(500, AudienceDeliveryOutcome.Retry)]
    [InlineData(503, AudienceDeliveryOutcome.Retry)]
    [InlineData(301, AudienceDeliveryOutcome.Retry)]
    [InlineData(null, AudienceDeliveryOutcome.Retry)]
    public void Each_answer_ends_in_its_outcome(int? status, AudienceDeliveryOutcome expected) => Assert.Equal(expected, AudienceDeliveryOutcomes.Of(status));

    [Theory]
    [InlineData("https://hooks.example.com/x", true)]
    [InlineData("http://127.0.0.1:8080/x", true)]
    [InlineData("http://localhost/x", true)]
    [InlineData("http://example.com/x", false)]
    [InlineData("ftp://example.com/x", false)]
    [InlineData("https://u:p@example.com/x", false)]
    [InlineData("/relative", false)]
    public void An_endpoint_is_https_or_http_to_this_machine(string url, bool accepted) =>
        Assert.Equal(accepted, AudienceSubscription.ReadUrl(url).Url is not null);
}
