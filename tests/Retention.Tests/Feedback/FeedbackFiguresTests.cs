using System.Globalization;
using Retention.Core.Feedback;
using Retention.Core.Metrics;
using Retention.Core.Shops;

namespace Retention.Tests.Feedback;

public class FeedbackFiguresTests
{
    private static readonly Shop Berlin = new("shop-one", "Europe/Berlin", "EUR", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly AsOf = new(2025, 3, 31);
    private const int ChurnDays = 30;

    /*
     * Hand computation. Shop in Europe/Berlin (UTC+1, UTC+2 from 2025-03-30), as of 2025-03-31, N = 30 days.
     *
     * Status as of 2025-03-31 (churned when as-of − last purchase day ≥ 30):
     *   c:a last bought 2025-01-10 → 80 days → churned
     *   c:b last bought 2025-03-15 → 16 days → active
     *   c:d last bought 2025-03-01 → 30 days → churned (exactly N)
     *   c:g last bought 2025-03-30 →  1 day  → active
     *   c:e bought only 2025-04-02, after the as-of day → never purchased
     *   c:f never bought → never purchased
     *
     * answer cust survey kind score  submitted (UTC)      Berlin date  reason     counted?
     *  A1    c:a  s1   nps   10   2025-01-31 23:30     02-01        price      yes: promoter, Feb
     *  A2    c:b  s1   nps    9   2025-02-28 22:59     02-28        –          yes: promoter, Feb (A11 is after the as-of day)
     *  A3    c:d  s1   nps    3   2025-02-28 23:00     03-01        price      yes: detractor, Mar
     *  A4    c:e  s1   nps    0   2025-01-15 12:00     01-15        quality    no: replaced by c:e's later A5
     *  A5    c:e  s1   nps    7   2025-03-10 12:00     03-10        delivery   yes: passive, Mar
     *  B1    c:b  s2   csat   2   2025-03-20 10:00     03-20        price      no: same instant as B2, "B1" < "B2"
     *  B2    c:b  s2   csat   5   2025-03-20 10:00     03-20        –          yes: satisfied, Mar
     *  A7    c:a  s2   csat   4   2025-03-05 10:00     03-05        service    yes: satisfied, Mar
     *  A8    c:d  s2   csat   3   2025-03-31 21:59     03-31 23:59  price      yes: unsatisfied, Mar
     *  A9    c:a  s3   nps    2   2025-03-31 22:00     04-01 00:00  price      no: after the as-of day
     *  A10   c:b  s1   csat   1   2025-03-02 10:00     03-02        other      yes: unsatisfied, Mar (other kind than A2)
     *  A11   c:b  s1   nps    0   2025-04-02 10:00     04-02        –          no: after the as-of day
     *  A12   c:f  s1   nps    9   2025-01-20 10:00     01-20        assortment yes: promoter, Jan
     *  A13   c:g  s1   nps    6   2025-02-10 10:00     02-10        –          yes: detractor, Feb
     *
     * Jan: NPS P1 Pa0 D0 → 100 · (1 − 0) / 1 = 100;          CSAT none → null
     * Feb: NPS P2 Pa0 D1 → 100 · (2 − 1) / 3 = 33.3333;       CSAT none → null
     * Mar: NPS P0 Pa1 D1 → 100 · (0 − 1) / 2 = −50;           CSAT S2 U2 → 100 · 2 / 4 = 50
     * Overall: NPS P3 Pa1 D2 → 100 · (3 − 2) / 6 = 16.6667;   CSAT S2 U2 → 50
     * No month is partial: the as-of day is the last of March.
     *
     * Reasons of counted answers: A1 price/churned, A3 price/churned, A8 price/churned → price × churned 3;
     * A5 delivery × never 1; A7 service × churned 1; A10 other × active 1; A12 assortment × never 1; all else 0.
     */
    private static readonly FeedbackResponse[] Answers =
    [
        Answer("A1", "c:a", "s1", FeedbackKind.Nps, 10, "2025-01-31T23:30:00Z", ReasonForLeaving.Price),
        Answer("A2", "c:b", "s1", FeedbackKind.Nps, 9, "2025-02-28T22:59:00Z"),
        Answer("A3", "c:d", "s1", FeedbackKind.Nps, 3, "2025-02-28T23:00:00Z", ReasonForLeaving.Price),
        Answer("A4", "c:e", "s1", FeedbackKind.Nps, 0, "2025-01-15T12:00:00Z", ReasonForLeaving.Quality),
        Answer("A5", "c:e", "s1", FeedbackKind.Nps, 7, "2025-03-10T12:00:00Z", ReasonForLeaving.Delivery),
        Answer("B1", "c:b", "s2", FeedbackKind.Csat, 2, "2025-03-20T10:00:00Z", ReasonForLeaving.Price),
        Answer("B2", "c:b", "s2", FeedbackKind.Csat, 5, "2025-03-20T11:00:00+01:00"),
        Answer("A7", "c:a", "s2", FeedbackKind.Csat, 4, "2025-03-05T10:00:00Z", ReasonForLeaving.Service),
        Answer("A8", "c:d", "s2", FeedbackKind.Csat, 3, "2025-03-31T21:59:00Z", ReasonForLeaving.Price),
        Answer("A9", "c:a", "s3", FeedbackKind.Nps, 2, "2025-03-31T22:00:00Z", ReasonForLeaving.Price),
        Answer("A10", "c:b", "s1", FeedbackKind.Csat, 1, "2025-03-02T10:00:00Z", ReasonForLeaving.Other),
        Answer("A11", "c:b", "s1", FeedbackKind.Nps, 0, "2025-04-02T10:00:00Z"),
        Answer("A12", "c:f", "s1", FeedbackKind.Nps, 9, "2025-01-20T10:00:00Z", ReasonForLeaving.Assortment),
        Answer("A13", "c:g", "s1", FeedbackKind.Nps, 6, "2025-02-10T10:00:00Z"),
    ];

    private static readonly Purchase[] Purchases =
    [
        new("c:a", "o1", new DateOnly(2024, 12, 1), 10m),
        new("c:a", "o2", new DateOnly(2025, 1, 10), 10m),
        new("c:b", "o3", new DateOnly(2025, 3, 15), 10m),
        new("c:d", "o4", new DateOnly(2025, 3, 1), 10m),
        new("c:g", "o5", new DateOnly(2025, 3, 30), 10m),
        new("c:e", "o6", new DateOnly(2025, 4, 2), 10m),
    ];

    private static FeedbackResponse Answer(string id, string customer, string survey, FeedbackKind kind, int score, string submittedAt,
        ReasonForLeaving? reason = null) =>
        new("shop-one", id, survey, customer, kind, score, null, reason, null, DateTimeOffset.Parse(submittedAt, CultureInfo.InvariantCulture), "evt-" + id);

    private static FeedbackFigures Compute(IEnumerable<FeedbackResponse> answers, DateOnly? asOf = null) =>
        FeedbackFigures.Compute(answers, PurchaseHistory.FromPurchases(asOf ?? AsOf, Purchases), ChurnDays, Berlin);

    [Fact]
    public void Months_follow_the_shop_calendar_and_count_each_customers_latest_answer_per_survey()
    {
        var figures = Compute(Answers);

        Assert.Equal(AsOf, figures.AsOf);
        Assert.Equal([new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1)], figures.Months.Select(m => m.Month));
        Assert.All(figures.Months, m => Assert.False(m.IsPartial));

        var (jan, feb, mar) = (figures.Months[0].Scores, figures.Months[1].Scores, figures.Months[2].Scores);
        Assert.Equal(new FeedbackNps(1, 0, 0), jan.Nps);
        Assert.Equal(100m, jan.Nps.Score);
        Assert.Equal(new FeedbackCsat(0, 0), jan.Csat);
        Assert.Null(jan.Csat.Score);

        Assert.Equal(new FeedbackNps(2, 0, 1), feb.Nps);
        Assert.Equal(33.3333m, feb.Nps.Score);
        Assert.Null(feb.Csat.Score);

        Assert.Equal(new FeedbackNps(0, 1, 1), mar.Nps);
        Assert.Equal(-50m, mar.Nps.Score);
        Assert.Equal(new FeedbackCsat(2, 2), mar.Csat);
        Assert.Equal(50m, mar.Csat.Score);
    }

    [Fact]
    public void Overall_counts_every_counted_answer_up_to_the_as_of_day()
    {
        var overall = Compute(Answers).Overall;
        Assert.Equal(new FeedbackNps(3, 1, 2), overall.Nps);
        Assert.Equal(6, overall.Nps.Answers);
        Assert.Equal(16.6667m, overall.Nps.Score);
        Assert.Equal(new FeedbackCsat(2, 2), overall.Csat);
        Assert.Equal(50m, overall.Csat.Score);
    }

    [Fact]
    public void Reasons_are_split_by_the_customers_status_on_the_as_of_day()
    {
        var reasons = Compute(Answers).Reasons;
        Assert.Equal(6 * 3, reasons.Count);
        Assert.Equal(new FeedbackReasonCount(ReasonForLeaving.Price, FeedbackCustomerStatus.Churned, 0), reasons[0] with { Answers = 0 });

        var nonZero = reasons.Where(r => r.Answers > 0).Select(r => (r.Reason, r.Status, r.Answers));
        Assert.Equal(
        [
            (ReasonForLeaving.Price, FeedbackCustomerStatus.Churned, 3),
            (ReasonForLeaving.Delivery, FeedbackCustomerStatus.NeverPurchased, 1),
            (ReasonForLeaving.Service, FeedbackCustomerStatus.Churned, 1),
            (ReasonForLeaving.Assortment, FeedbackCustomerStatus.NeverPurchased, 1),
            (ReasonForLeaving.Other, FeedbackCustomerStatus.Active, 1),
        ], nonZero);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_answers_arrive_in()
    {
        var forward = Compute(Answers);
        var backward = Compute(Answers.Reverse());
        Assert.Equal(forward.Overall, backward.Overall);
        Assert.Equal(forward.Months, backward.Months);
        Assert.Equal(forward.Reasons, backward.Reasons);
    }

    [Fact]
    public void In_a_utc_calendar_the_same_instants_fall_into_other_months()
    {
        // In UTC A1 (01-31 23:30) moves to January, A3 (02-28 23:00) stays in February, and A9 (03-31 22:00) is on the
        // as-of day: Jan P2 (A1, A12) → 100; Feb P1 (A2) D2 (A3, A13) → 100 · (1 − 2) / 3 = −33.3333; Mar Pa1 (A5) D1 (A9) → −50.
        var figures = FeedbackFigures.Compute(Answers, PurchaseHistory.FromPurchases(AsOf, Purchases), ChurnDays,
            instant => DateOnly.FromDateTime(instant.UtcDateTime));
        Assert.Equal(new FeedbackNps(2, 0, 0), figures.Months[0].Scores.Nps);
        Assert.Equal(new FeedbackNps(1, 0, 2), figures.Months[1].Scores.Nps);
        Assert.Equal(-33.3333m, figures.Months[1].Scores.Nps.Score);
        Assert.Equal(new FeedbackNps(0, 1, 1), figures.Months[2].Scores.Nps);
    }

    [Fact]
    public void A_later_answer_after_the_as_of_day_does_not_replace_an_earlier_one()
    {
        // As of 2025-03-09: c:e's A5 (03-10) is not yet given, so A4 (0, a detractor, January) counts; the month is partial.
        // Jan P1 (A12) D1 (A4) → 0, not null; Feb as before; Mar A3 D → −100; CSAT A10 (03-02) U1, A7 (03-05) S1 → 50.
        var figures = Compute(Answers, new DateOnly(2025, 3, 9));
        Assert.Equal(new FeedbackNps(1, 0, 1), figures.Months[0].Scores.Nps);
        Assert.Equal(0m, figures.Months[0].Scores.Nps.Score);
        Assert.Equal(new FeedbackNps(0, 0, 1), figures.Months[2].Scores.Nps);
        Assert.Equal(new FeedbackCsat(1, 1), figures.Months[2].Scores.Csat);
        Assert.True(figures.Months[2].IsPartial);
        Assert.False(figures.Months[1].IsPartial);
    }

    [Fact]
    public void Months_without_answers_between_answered_months_are_listed_with_null_scores()
    {
        // One promoter in January, as of mid-April: January to April listed, February to April empty, April partial.
        var figures = Compute([Answers[^2]], new DateOnly(2025, 4, 15));
        Assert.Equal(4, figures.Months.Count);
        Assert.All(figures.Months.Skip(1), m => Assert.Equal(new FeedbackScores(new FeedbackNps(0, 0, 0), new FeedbackCsat(0, 0)), m.Scores));
        Assert.Null(figures.Months[1].Scores.Nps.Score);
        Assert.True(figures.Months[3].IsPartial);
        Assert.Equal(FeedbackCustomerStatus.NeverPurchased, figures.Reasons.Single(r => r.Answers > 0).Status);
    }

    [Fact]
    public void No_answers_give_no_months_null_scores_and_zero_reasons()
    {
        var figures = Compute([]);
        Assert.Empty(figures.Months);
        Assert.Null(figures.Overall.Nps.Score);
        Assert.Null(figures.Overall.Csat.Score);
        Assert.All(figures.Reasons, r => Assert.Equal(0, r.Answers));
    }

    [Fact]
    public void A_churn_threshold_below_one_day_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FeedbackFigures.Compute(Answers, PurchaseHistory.FromPurchases(AsOf, Purchases), 0, Berlin));
}
