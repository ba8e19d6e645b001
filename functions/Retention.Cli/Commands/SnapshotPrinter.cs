using System.Globalization;
using Retention.Core.Audiences;
using Retention.Core.Audiences.Uplift;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Nightly;

namespace Retention.Cli.Commands;

/// <summary>The snapshot as a person reads it in a terminal: headline figures, the recent cohort triangle, churn and segments.</summary>
public static class SnapshotPrinter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private const int RecentCohorts = 12;
    private const int RecentMonths = 6;

    public static void Print(NightlyFigures snapshot, TextWriter output)
    {
        Print(snapshot.Headline, output);
        var r = snapshot.Retention;
        var threshold = r.Churn.Threshold;
        void Row(string name, string value) => output.WriteLine($"  {name,-28}{value,16}");
        Row("average days between orders", r.Lifetime.AverageDaysBetweenOrders?.ToString("N1", C) ?? "-");
        Row("churned after (days)", $"{threshold.Days} ({threshold.Source.ToString().ToLowerInvariant()})");
        Row("active / churned customers", $"{r.Churn.ActiveCustomers:N0} / {r.Churn.ChurnedCustomers:N0}");

        output.WriteLine();
        output.WriteLine($"Monthly cohorts: share of each cohort buying k months after its first purchase (last {RecentCohorts} cohorts)");
        var cohorts = r.MonthlyCohorts.Cohorts.TakeLast(RecentCohorts).ToList();
        var width = cohorts.Count == 0 ? 0 : Math.Min(cohorts.Max(c => c.Cells.Count), RecentCohorts);
        output.WriteLine("  cohort    size " + string.Concat(Enumerable.Range(0, width).Select(k => $"{"m" + k,6}")));
        foreach (var cohort in cohorts)
            output.WriteLine($"  {cohort.Label,-8}{cohort.Size,6} " + string.Concat(cohort.Cells.Take(width).Select(cell =>
                $"{cell.ActiveShare.ToString("P0", C).Replace(" ", ""),6}")));

        output.WriteLine();
        output.WriteLine($"Churn and retention by month (last {RecentMonths})");
        output.WriteLine($"  {"month",-9}{"active",8}{"new",7}{"churned",9}{"churn",8}{"retention",11}{"lost revenue",14}");
        var retention = r.Retention.ToDictionary(m => m.Month);
        foreach (var month in r.Churn.Months.TakeLast(RecentMonths))
            output.WriteLine($"  {month.Month.ToString("yyyy-MM", C),-9}{month.ActiveAtStart,8:N0}{month.NewCustomers,7:N0}{month.ChurnedCustomers,9:N0}" +
                             $"{Percent(month.ChurnRate),8}{Percent(retention.GetValueOrDefault(month.Month)?.Rate),11}{month.LostRevenue.ToString("N2", C),14}");

        output.WriteLine();
        output.WriteLine("RFM segments");
        foreach (var segment in r.Rfm.Segments)
            output.WriteLine($"  {segment.Segment,-20}{segment.Customers,8:N0} customers {segment.NetRevenue.ToString("N2", C),14}");
        output.WriteLine($"  key customers (top decile by net revenue): {r.Clv.KeyCustomers.Count:N0}, " +
                         $"{r.Clv.KeyCustomers.Sum(c => c.NetRevenue).ToString("N2", C)} of {r.Lifetime.NetRevenue.ToString("N2", C)}");

        PrintFirstOrders(snapshot, output);

        var f = snapshot.Feedback;
        output.WriteLine();
        output.WriteLine("What customers said");
        output.WriteLine($"  NPS {Score(f.Overall.Nps.Score)} from {f.Overall.Nps.Answers:N0} answers ({f.Overall.Nps.Promoters:N0} promoters, " +
                         $"{f.Overall.Nps.Passives:N0} passives, {f.Overall.Nps.Detractors:N0} detractors); " +
                         $"CSAT {Score(f.Overall.Csat.Score)}% satisfied of {f.Overall.Csat.Answers:N0} answers");
        output.WriteLine($"  {"reason for leaving",-20}{"churned",9}{"active",8}{"no purchase",13}");
        foreach (var reason in f.Reasons.GroupBy(x => x.Reason))
        {
            int Count(FeedbackCustomerStatus status) => reason.Where(x => x.Status == status).Sum(x => x.Answers);
            output.WriteLine($"  {reason.Key.ToString().ToLowerInvariant(),-20}{Count(FeedbackCustomerStatus.Churned),9}" +
                             $"{Count(FeedbackCustomerStatus.Active),8}{Count(FeedbackCustomerStatus.NeverPurchased),13}");
        }

        output.WriteLine();
        PrintForecast(snapshot.Forecast, output);
        PrintAudiences(snapshot.Audiences, output);
    }

    /// <summary>Each audience's members, entered and left, and its measured 90-day uplift (the report's "did it work?", shortened).</summary>
    private static void PrintAudiences(AudienceNight night, TextWriter output)
    {
        if (night.Audiences.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"Audiences ({night.ControlShare:P0} held out as control; uplift = reordered within 90 days, treated − control, 95 % interval)");
        foreach (var audience in night.Audiences)
        {
            var pooled = night.Uplift.FirstOrDefault(u => u.Audience == audience.Audience.Name && u.Cohort == AudienceUpliftRow.AllCohorts
                                                          && u.WindowDays == AudienceUplift.RevenueWindowDays);
            var uplift = pooled?.Reorders is { Uplift: { } u } r
                ? $"uplift {u * 100:+0.0;-0.0;0.0} pts" + (r.UpliftLow is { } low && r.UpliftHigh is { } high ? $" ({low * 100:0.0} to {high * 100:0.0})" : "") +
                  $" on {pooled.TreatedMembers:N0} treated / {pooled.ControlMembers:N0} control; {pooled.Verdict}"
                : night.Uplift.Where(x => x.Audience == audience.Audience.Name).OrderBy(x => x.MeasurableOn).FirstOrDefault() is { } early
                    ? $"too early: measurable on {early.MeasurableOn:yyyy-MM-dd}"
                    : "no one has entered yet";
            output.WriteLine($"  {audience.Audience.Name,-22}{audience.Members.Count,8:N0} members ({audience.Treated:N0} treated, {audience.Control:N0} control), " +
                             $"+{audience.Entered.Count:N0} entered, -{audience.Left.Count:N0} left; {uplift}");
        }
    }

    /// <summary>What the first order says, the channels' payback and the time to a second order: the report's tables, shortened.</summary>
    private static void PrintFirstOrders(NightlyFigures snapshot, TextWriter output)
    {
        var d = snapshot.Dimensions;
        output.WriteLine();
        output.WriteLine("First products (by repeat rate; customers, repeat rate, CLV at 12 months)");
        foreach (var row in d.Cohorts.Where(c => c.Dimension == "first_product" && !c.IsOther).OrderByDescending(c => c.RepeatPurchaseRate).Take(5))
            output.WriteLine($"  {(row.Title ?? row.Value),-28}{row.Customers,8:N0}{Percent(row.RepeatPurchaseRate),9}" +
                             $"{row.HistoricClv[2].Average?.ToString("N2", C) ?? "-",12}");
        output.WriteLine("Channels (new customers, CAC, value at 12 months, LTV:CAC, payback)");
        foreach (var row in snapshot.ChannelPayback.Where(c => c.AcquisitionMonth is null))
            output.WriteLine($"  {row.Channel,-28}{row.NewCustomers,8:N0}{row.Cac?.ToString("N2", C) ?? "-",9}{row.ValueAt(12)?.ToString("N2", C) ?? "-",12}" +
                             $"{row.LtvToCac12m?.ToString("N2", C) ?? "-",8}  {(row.PaybackMonth is { } m ? $"month {m}" : row.PaybackStatus)}");
        if (d.Journey.Count > 0)
            output.WriteLine($"  most common second order: {d.Journey[0].FirstProductTitle} → {d.Journey[0].SecondProductTitle} ({d.Journey[0].Customers:N0} customers)");
        if (d.TimeToSecondOrder.Count > 0 && d.TimeToSecondOrder[0] is { SecondOrderCustomers: > 0 } all)
            output.WriteLine($"  days to a second order: median {all.MedianDays?.ToString("N1", C)} (quartiles {all.P25Days?.ToString("N1", C)}–" +
                             $"{all.P75Days?.ToString("N1", C)}), {all.SecondOrderCustomers:N0} of {all.Customers:N0} customers");
    }

    private static void PrintForecast(NightlyForecast night, TextWriter output)
    {
        var forecast = night.Forecast;
        output.WriteLine("Forecast (next 12 months)");
        if (!forecast.IsFitted)
        {
            output.WriteLine($"  not fitted ({forecast.Failure!.Reason}): {forecast.Failure.Message}; the historic figures above stand alone");
            return;
        }
        var chosen = forecast.Holdout?.Chosen is { } c ? $"chosen on a holdout from {forecast.Holdout.CalibrationEnd:yyyy-MM-dd}" : forecast.HoldoutNote ?? "";
        var parameters = forecast.ModelParameters;
        output.WriteLine($"  model {forecast.Model} ({chosen}): " + string.Join(", ", (parameters ?? []).Select(p => $"{p.Name} {p.Value.ToString("G4", C)}")));
        var perBand = night.CustomersPerBand();
        int Band(ChurnRisk risk) => perBand[risk];
        output.WriteLine($"  churn risk: high {Band(ChurnRisk.High):N0}, medium {Band(ChurnRisk.Medium):N0}, low {Band(ChurnRisk.Low):N0} customers " +
                         $"(P(alive) below {night.Bands.HighBelow.ToString("0.##", C)} / {night.Bands.MediumBelow.ToString("0.##", C)})");
        var clv = night.Customers.Sum(x => x.PredictedClv ?? 0);
        output.WriteLine($"  expected repeat purchases {night.Customers.Sum(x => x.ExpectedPurchases365).ToString("N0", C)}, " +
                         (forecast.Spend?.IsFitted == true ? $"predicted CLV {clv.ToString("N2", C)}" : $"no spend model ({forecast.Spend?.Failure?.Message})"));
        // How sure: the shop's totals with their 80 % intervals (docs/models.md, "How sure the forecast is").
        foreach (var line in night.Shop?.Lines ?? [])
            output.WriteLine($"  {line.Measure} next {line.HorizonDays} days {line.Predicted.ToString("N0", C)} " +
                             $"(80 %: {line.Low.ToString("N0", C)} to {line.High.ToString("N0", C)})");
    }

    private static string Score(decimal? score) => score?.ToString("N1", C) ?? "-";

    public static void Print(HeadlineFigures s, TextWriter output)
    {
        output.WriteLine($"Snapshot of {s.ShopId} as of {s.AsOf:yyyy-MM-dd} (amounts in {s.Currency}, net of refunds and cancellations)");
        void Row(string name, string value) => output.WriteLine($"  {name,-28}{value,16}");
        Row("customers", s.Customers.ToString("N0", C));
        Row("new customers (on the day)", s.NewCustomers.ToString("N0", C));
        Row("repeat customers", s.RepeatCustomers.ToString("N0", C));
        Row("orders", s.Orders.ToString("N0", C));
        Row("orders (on the day)", s.OrdersOnDay.ToString("N0", C));
        Row("net revenue", s.NetRevenue.ToString("N2", C));
        Row("net revenue (on the day)", s.NetRevenueOnDay.ToString("N2", C));
        Row("average order value", s.AverageOrderValue.ToString("N2", C));
        Row("repeat-purchase rate", s.RepeatPurchaseRate.ToString("P1", C));
        Row("purchase frequency", s.PurchaseFrequency.ToString("N3", C));
    }

    private static string Percent(decimal? rate) => rate?.ToString("P1", C).Replace(" ", "") ?? "-";
}
