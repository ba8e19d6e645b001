namespace Retention.Core.Audiences.Uplift;

/// <summary>
/// One audience's measured uplift for one entry cohort (or every measured cohort pooled, <see cref="AllCohorts"/>) and
/// one window: the members of each arm, whether the cohort is old enough to measure, and what was measured.
/// </summary>
/// <param name="Cohort">the ISO week the members first entered, "2025-W03", or <see cref="AllCohorts"/>.</param>
/// <param name="CohortStart">the Monday of that week; null for the pooled row.</param>
/// <param name="WindowDays">30, 60 or 90: a member reordered when they ordered in the days after their entry day up to this many.</param>
/// <param name="Verdict">the status in words, with the numbers behind it: "measured", "too early (measurable on 2025-03-14)",
/// "too few members: control has 4 members: at least 30 per arm are needed for an interval".</param>
/// <param name="MeasurableOn">the cohort's last entry day + the window: the first as-of day its figures are final. For the
/// pooled row, the earliest of its cohorts'.</param>
/// <param name="TreatedMembers">treated members counted: in a too-early row, those who entered so far; in the pooled row,
/// those of the cohorts measured for this window.</param>
/// <param name="Reorders">null when too early.</param>
/// <param name="Revenue">on 90-day rows only (revenue is a 90-day figure); null on 30- and 60-day rows and when too early.</param>
public sealed record AudienceUpliftRow(
    string Audience,
    string Cohort,
    DateOnly? CohortStart,
    int WindowDays,
    UpliftStatus Status,
    string Verdict,
    DateOnly MeasurableOn,
    int TreatedMembers,
    int ControlMembers,
    ReorderUplift? Reorders,
    RevenueUplift? Revenue)
{
    /// <summary>The <see cref="Cohort"/> of the row that pools every cohort measured for its window.</summary>
    public const string AllCohorts = "all";
}
