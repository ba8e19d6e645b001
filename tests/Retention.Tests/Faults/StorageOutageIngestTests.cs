using System.Diagnostics.CodeAnalysis;
using System.Net;
using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Xunit.Abstractions;

namespace Retention.Tests.Faults;

/// <summary>
/// Storage stops in the middle of an ingest and comes back: webhooks are answered 503 with Retry-After while it is
/// down, nothing answered 202 is lost, and every delivery sent again is stored once after it returns. Azurite keeps its
/// data on disk here and is stopped the way that saves it (see <see cref="Azurite.StopGracefullyAsync"/>), so what it
/// acknowledged before the outage is still there after, as with Azure Storage.
/// </summary>
/// <remarks>
/// Storage stops between two parts of the burst while the queue processor is still working through the first: the
/// second part is sent from the moment storage is gone until after it is back. A handler caught mid-message fails, and
/// so does the release of its message, which comes back when its lease ends (4 s here, ten minutes by default).
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the fields in IAsyncLifetime.DisposeAsync, after the tests.")]
public sealed class StorageOutageIngestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Concurrency = 16;
    private const int AcknowledgedBeforeTheOutage = 500;
    private readonly PipelineHost _pipeline = StorageOutageStore.Pipeline();
    // A bound on the whole test, so a hang fails it instead of stalling the suite.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(150));

    public Task InitializeAsync() => _pipeline.InitializeAsync();

    public async Task DisposeAsync()
    {
        _timeout.Dispose();
        await _pipeline.DisposeAsync();
    }

    [Fact]
    public async Task Webhooks_get_503_while_storage_is_down_and_every_acknowledged_order_is_stored_once_after_it_returns()
    {
        const string shop = "outage-burst";
        var ct = _timeout.Token;
        var credentials = await _pipeline.RegisterShopAsync(shop, currency: StorageOutageStore.Currency);
        var deliveries = WebhookBurst.Orders(1_500, seed: 8);
        var sender = new StorageOutageSender(new WebhookSender(_pipeline.Http, shop, credentials.WebhookSecret, TimeProvider.System));

        await sender.SendAsync(deliveries.Take(AcknowledgedBeforeTheOutage).ToList(), Concurrency, ct);
        // Mid-processing: the storage goes while the listener still has the first part's messages to work through.
        var stillQueued = (await _pipeline.Storage.Queue(StorageNames.OrderEventsQueue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        var inFlight = _pipeline.Host.OrderEvents.InFlight;
        Log(sender, $"first part acknowledged; {stillQueued} messages queued, {inFlight} handlers running");
        Assert.True(stillQueued + inFlight > 0, "the processor had caught up before storage stopped: the outage would not interrupt processing");

        await _pipeline.Azurite.StopGracefullyAsync();
        var down = sender.Now;
        var rest = sender.SendAsync(deliveries.Skip(AcknowledgedBeforeTheOutage).ToList(), Concurrency, ct);
        // Down until every sender has been refused a few times and both queue listeners have failed a poll.
        await EventuallyAsync(() => sender.CountOf(HttpStatusCode.ServiceUnavailable) >= 3 * Concurrency
            && StorageOutageStore.OutageReachedListeners(_pipeline), "503s to the senders and the outage reaching each queue listener", ct);
        var restarting = sender.Now;
        await _pipeline.Azurite.RestartAsync();
        Log(sender, "storage restarted");
        await rest;
        await _pipeline.DrainAsync();
        Log(sender, "second part acknowledged and processed");

        var answers = sender.Answers;
        Report(answers, down, restarting);
        Assert.DoesNotContain(answers, a => a.Status is not ((int)HttpStatusCode.Accepted or (int)HttpStatusCode.ServiceUnavailable));
        var refused = answers.Where(a => a.Status == (int)HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(refused.Count >= 3 * Concurrency, $"only {refused.Count} answers were 503");
        Assert.All(refused, a => Assert.True(a.RetryAfter > TimeSpan.Zero, $"{a.EventId}'s 503 had no Retry-After"));
        var whileDown = answers.Where(a => a.SentAt >= down && a.AnsweredAt <= restarting).ToList();
        Assert.NotEmpty(whileDown);
        Assert.All(whileDown, a => Assert.Equal((int)HttpStatusCode.ServiceUnavailable, a.Status));
        // Each delivery was answered 202 exactly once: the sender stops at its first.
        Assert.Equal(deliveries.Select(d => d.EventId).Order(StringComparer.Ordinal),
            answers.Where(a => a.Status == (int)HttpStatusCode.Accepted).Select(a => a.EventId).Order(StringComparer.Ordinal));
        await StorageOutageStore.AssertStoredOnceAsync(_pipeline, shop, credentials, deliveries, ct);

        // The snapshot listener, which failed its polls while storage was down, still takes requests; and the day it
        // computes counts every order, so the change log the nightly ledger reads missed none either.
        var asOf = new DateOnly(2025, 12, 1);
        await _pipeline.Service<NightlySnapshotScheduler>().RequestAllAsync(ct, asOf);
        await _pipeline.DrainAsync();
        var snapshot = await _pipeline.Service<SnapshotTable>().FindAsync(shop, asOf, ct);
        Assert.NotNull(snapshot);
        Assert.Equal(deliveries.Count, snapshot.Orders);
        Assert.Equal(deliveries.Sum(d => StorageOutageStore.Expected(shop, credentials, d).Total), snapshot.NetRevenue);
        Assert.Equal(0, _pipeline.Host.SnapshotRequests.Poisoned);
        Log(sender, "snapshot computed");
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within 60 s");
            await Task.Delay(50, ct);
        }
    }

    private void Log(StorageOutageSender sender, string step) => output.WriteLine($"{sender.Now.TotalSeconds,5:F1} s: {step}");

    /// <summary>What the outage looked like from the sender's side: how many were refused, and how fast.</summary>
    private void Report(IReadOnlyList<DeliveryAnswer> answers, TimeSpan down, TimeSpan restarting)
    {
        output.WriteLine($"{answers.Count} answers: {string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Count()} × {g.Key}"))}; " +
                         $"storage down {(restarting - down).TotalSeconds:F1} s until its restart began");
        var refused = answers.Where(a => a.Status == (int)HttpStatusCode.ServiceUnavailable)
            .Select(a => (a.AnsweredAt - a.SentAt).TotalMilliseconds).Order().ToList();
        if (refused.Count > 0)
            output.WriteLine($"a 503 took {refused[refused.Count / 2]:F0} ms (median), {refused[^1]:F0} ms at most; " +
                             $"the most attempts one delivery needed: {answers.GroupBy(a => a.EventId).Max(g => g.Count())}");
        foreach (var failure in answers.Where(a => a.Failure is not null).Take(5)) output.WriteLine(failure.Failure);
    }
}
