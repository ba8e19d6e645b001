using Retention.Core.Feedback;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Tests.Reports;

/// <summary>
/// A seeded shop for the report tests: 18 months of customers who come back at their own rhythm (some often, some
/// once, a few big spenders who then go quiet), a few test and cancelled orders that are not purchases, and survey
/// answers with reasons for leaving. Orders are placed at noon UTC, so a purchase's day in Berlin is its UTC date and
/// the tests can compute figures independently without a time-zone library.
/// </summary>
internal static class ReportTestShop
{
    public static readonly DateOnly AsOf = new(2025, 6, 30);
    public static readonly DateOnly FirstDay = new(2024, 1, 1);
    public const int ChurnDays = 90;
    public static readonly RetentionSettings Settings = new(ChurnDays: ChurnDays);

    public static Shop Shop(string id) => new(id, "Europe/Berlin", "EUR", DateTimeOffset.UnixEpoch, Settings);

    public static List<NormalizedOrder> Orders(string shopId, int customers = 140, int seed = 6)
    {
        var random = new Random(seed);
        var orders = new List<NormalizedOrder>();
        var span = AsOf.DayNumber - FirstDay.DayNumber;
        for (var c = 0; c < customers; c++)
        {
            var key = $"c:{c:D4}";
            var day = FirstDay.AddDays(random.Next(span + 1));
            var bigSpender = random.Next(10) == 0;
            var gap = random.Next(12, 120);
            for (var n = 0; day <= AsOf; n++)
            {
                var amount = Math.Round((decimal)(random.NextDouble() * (bigSpender ? 400 : 80)) + 5m, 2);
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
                var id = $"o{c:D4}-{n}";
                var roll = random.Next(100);
                // Cancelled well before the as-of day, so it is not a purchase whatever the day; test orders never are.
                var cancelled = roll < 5 && day < AsOf.AddDays(-2);
                orders.Add(new NormalizedOrder(shopId, id, key, at, at, "EUR", amount,
                    cancelled ? OrderStatus.Cancelled : OrderStatus.Paid, cancelled ? at.AddDays(1) : null, [], IsTest: roll is >= 5 and < 8,
                    "generic", "evt-" + id));
                // Big spenders stop after a burst: the key customers the report must flag.
                if (bigSpender && n >= 3) break;
                if (random.Next(100) < 30) break;
                day = day.AddDays(gap + random.Next(-8, 9));
            }
        }
        return WithFacets(orders, new Random(seed + 100));
    }

    /// <summary>The shop's products: id and title.</summary>
    public static readonly (string Id, string Title)[] Products =
        [("tea-green", "Green tea"), ("tea-black", "Black tea"), ("mug", "Mug"), ("filter", "Paper filters"), ("kettle", "Kettle")];

    private static readonly OrderChannel[] Channels =
    [
        OrderChannel.From("google", "cpc", null, null, "web", isStorefront: true), OrderChannel.From("newsletter", "email", null, null, "web", isStorefront: true),
        OrderChannel.From(null, null, null, "instagram.com", "web", isStorefront: true), OrderChannel.Unknown,
    ];

    /// <summary>Lines of one to three products, a channel, a code on one order in four and a country, from a random source of their own.</summary>
    private static List<NormalizedOrder> WithFacets(List<NormalizedOrder> orders, Random random) =>
    [
        .. orders.Select(order => order with
        {
            Lines = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Products[random.Next(Products.Length)]).DistinctBy(p => p.Id)
                .Select(p => new OrderLine(p.Id, null, null, p.Title, 1, Math.Round(order.Total / 2, 2)))],
            Channel = Channels[random.Next(Channels.Length)],
            DiscountCodes = random.Next(4) == 0 ? ["welcome"] : [],
            Country = random.Next(3) switch { 0 => "DE", 1 => "AT", _ => "CH" },
        }),
    ];

    public static List<FeedbackResponse> Answers(string shopId, IReadOnlyList<NormalizedOrder> orders, int seed = 7)
    {
        var random = new Random(seed);
        var answers = new List<FeedbackResponse>();
        foreach (var customer in orders.GroupBy(o => o.CustomerKey).Where((_, i) => i % 3 == 0))
        {
            var at = customer.Max(o => o.OrderedAt).AddDays(random.Next(1, 20));
            if (at > new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)) continue;
            var id = $"a-{customer.Key}";
            var score = random.Next(0, 11);
            ReasonForLeaving? reason = score <= 6 ? (ReasonForLeaving)random.Next(6) : null;
            answers.Add(new FeedbackResponse(shopId, id, "nps-2024", customer.Key, FeedbackKind.Nps, score, null, reason, null, at, "evt-" + id));
            if (random.Next(2) == 0)
                answers.Add(new FeedbackResponse(shopId, id + "-csat", "csat-2024", customer.Key, FeedbackKind.Csat, random.Next(1, 6), null, null, null, at,
                    "evt-" + id + "-csat"));
        }
        return answers;
    }

    /// <summary>The night's figures computed in memory, exactly as the nightly service computes them from the rows.</summary>
    public static NightlyFigures Snapshot(Shop shop, IReadOnlyList<NormalizedOrder> orders, IReadOnlyList<FeedbackResponse> answers) =>
        NightlyFigures.Compute(shop, OrderLedger.Build(shop, orders), ProductCatalog.Empty, new Dictionary<DateOnly, decimal>(), answers, AsOf);
}
