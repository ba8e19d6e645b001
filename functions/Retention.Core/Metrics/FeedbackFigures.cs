using Retention.Core.Feedback;
using Retention.Core.Shops;

namespace Retention.Core.Metrics;

/// <summary>
/// NPS, CSAT and the reasons for leaving as of one day (<c>docs/metrics.md</c>, "Feedback").
/// </summary>
/// <param name="Months">Every calendar month from that of the first counted answer to that of the as-of day; empty without answers.</param>
/// <param name="Overall">All counted answers up to the as-of day; the months add up to it.</param>
/// <param name="Reasons">Every reason × status pair, zeros included, in the order of the two enums.</param>
public sealed record FeedbackFigures(
    DateOnly AsOf,
    int ChurnDays,
    IReadOnlyList<FeedbackMonth> Months,
    FeedbackScores Overall,
    IReadOnlyList<FeedbackReasonCount> Reasons)
{
    public static FeedbackFigures Compute(IEnumerable<FeedbackResponse> answers, PurchaseHistory history, int churnDays, Shop shop) =>
        Compute(answers, history, churnDays, shop.LocalDate);

    /// <param name="churnDays">the churn threshold N in force (<see cref="ChurnThreshold.Days"/>).</param>
    /// <param name="localDate">the shop's calendar date of an instant (<see cref="Shop.LocalDate"/>).</param>
    public static FeedbackFigures Compute(IEnumerable<FeedbackResponse> answers, PurchaseHistory history, int churnDays,
        Func<DateTimeOffset, DateOnly> localDate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(churnDays, 1);
        var asOf = history.AsOf;
        var counted = Counted(answers, asOf, localDate);

        var months = new List<FeedbackMonth>();
        if (counted.Count > 0)
        {
            var byMonth = counted.ToLookup(a => CalendarPeriods.MonthIndex(a.Day), a => a.Answer);
            var last = CalendarPeriods.MonthIndex(asOf);
            for (var m = counted.Min(a => CalendarPeriods.MonthIndex(a.Day)); m <= last; m++)
                months.Add(new FeedbackMonth(CalendarPeriods.MonthStart(m), CalendarPeriods.MonthEnd(m) > asOf,
                    FeedbackScores.Of(byMonth[m])));
        }

        return new FeedbackFigures(asOf, churnDays, months, FeedbackScores.Of(counted.Select(a => a.Answer)),
            TallyReasons(counted.Select(a => a.Answer), history, churnDays));
    }

    /// <summary>
    /// The answers that count: submitted on or before the as-of day, and of each customer's answers to one survey
    /// (and kind) only the latest, so a customer who changes their mind counts once, with their current opinion.
    /// Answers after the as-of day are dropped first, so a later answer never reaches back into an earlier report.
    /// </summary>
    private static List<(FeedbackResponse Answer, DateOnly Day)> Counted(IEnumerable<FeedbackResponse> answers, DateOnly asOf,
        Func<DateTimeOffset, DateOnly> localDate) =>
        answers
            .Select(a => (Answer: a, Day: localDate(a.SubmittedAt)))
            .Where(a => a.Day <= asOf)
            .GroupBy(a => (a.Answer.CustomerKey, a.Answer.SurveyId, a.Answer.Kind))
            .Select(g => g.Aggregate((x, y) => IsLater(y.Answer, x.Answer) ? y : x))
            .ToList();

    /// <summary>Latest instant, then the greater answer id, then event id (ordinal): never the order of arrival.</summary>
    private static bool IsLater(FeedbackResponse a, FeedbackResponse b)
    {
        var byTime = a.SubmittedAt.CompareTo(b.SubmittedAt);
        if (byTime != 0) return byTime > 0;
        var byAnswer = string.CompareOrdinal(a.AnswerId, b.AnswerId);
        return byAnswer != 0 ? byAnswer > 0 : string.CompareOrdinal(a.SourceEventId, b.SourceEventId) > 0;
    }

    private static List<FeedbackReasonCount> TallyReasons(IEnumerable<FeedbackResponse> counted, PurchaseHistory history, int churnDays)
    {
        // The customer found by a binary search of the table's keys (in ordinal order), not a dictionary of every customer
        // made for the few who answered: at 2,000,000 customers that was 56 MB more at the end of the night's compute, with
        // or without answers (bench night-child). Each customer's slice is in day order, so its last purchase is its last row.
        var table = history.Table;
        var tally = new Dictionary<(ReasonForLeaving, FeedbackCustomerStatus), int>();
        foreach (var answer in counted)
        {
            if (answer.Reason is not { } reason) continue;
            var c = Array.BinarySearch(table.CustomerKeys, answer.CustomerKey, StringComparer.Ordinal);
            var status = c < 0 ? FeedbackCustomerStatus.NeverPurchased
                : history.AsOf.DayNumber - table.Day[table.CustomerStart[c + 1] - 1] >= churnDays ? FeedbackCustomerStatus.Churned
                : FeedbackCustomerStatus.Active;
            tally[(reason, status)] = tally.GetValueOrDefault((reason, status)) + 1;
        }

        return [.. from reason in Enum.GetValues<ReasonForLeaving>()
                   from status in Enum.GetValues<FeedbackCustomerStatus>()
                   select new FeedbackReasonCount(reason, status, tally.GetValueOrDefault((reason, status)))];
    }
}
