namespace Retention.Core.Audiences;

/// <summary>
/// Every audience of a shop on one night (<c>docs/audiences.md</c>): each one's members with their holdout arm, the
/// change against the previous night's members (who entered, who left), and the stays as they stand after tonight.
/// Pure: the stays of the night before come in, tonight's go out, so a night run again from the same stays gives the same.
/// </summary>
public sealed record AudienceNight(DateOnly AsOf, decimal ControlShare, AudienceBaseline Baseline, IReadOnlyList<AudienceMembers> Audiences,
    IReadOnlyList<AudienceStay> Stays)
{
    /// <summary>Each audience's measured uplift by entry cohort and window (<see cref="Uplift.AudienceUplift"/>).</summary>
    public IReadOnlyList<Uplift.AudienceUpliftRow> Uplift { get; init; } = [];

    public static AudienceNight Empty(DateOnly asOf) =>
        new(asOf, HoldoutAssignment.DefaultControlShare, new AudienceBaseline(0m, null, AudienceBaseline.DefaultSecondOrderWindowDays), [], []);

    /// <param name="stays">the shop's stays as they stood after the night before; stays of audiences no longer defined are dropped.</param>
    public static AudienceNight Compute(DateOnly asOf, IReadOnlyList<AudienceDefinition> audiences, IReadOnlyList<AudienceCustomer> customers,
        AudienceBaseline baseline, IReadOnlyList<AudienceStay> stays, HoldoutAssignment holdout)
    {
        var byKey = customers.ToDictionary(c => c.CustomerKey, StringComparer.Ordinal);
        var results = new List<AudienceMembers>(audiences.Count);
        var after = new List<AudienceStay>(stays.Count);
        foreach (var audience in audiences)
        {
            var open = new Dictionary<string, AudienceStay>(StringComparer.Ordinal);
            foreach (var stay in stays)
            {
                if (stay.Audience != audience.Name) continue;
                if (stay.IsOpen) open[stay.CustomerKey] = stay;
                else after.Add(stay);
            }
            var members = new List<AudienceMember>();
            var entered = new List<AudienceMember>();
            foreach (var customer in customers)
            {
                if (!audience.Matches(customer, baseline)) continue;
                var arm = holdout.ArmOf(audience.Name, customer.CustomerKey);
                if (open.Remove(customer.CustomerKey, out var stay))
                {
                    members.Add(new AudienceMember(audience.Name, customer.CustomerKey, arm, stay.EnteredOn, customer));
                    after.Add(stay);
                    continue;
                }
                var member = new AudienceMember(audience.Name, customer.CustomerKey, arm, asOf, customer);
                members.Add(member);
                entered.Add(member);
                after.Add(new AudienceStay(audience.Name, customer.CustomerKey, asOf, null));
            }
            // What is still open was a member last night and is not tonight.
            var left = new List<AudienceMember>(open.Count);
            foreach (var stay in open.Values.OrderBy(s => s.CustomerKey, StringComparer.Ordinal))
            {
                left.Add(new AudienceMember(audience.Name, stay.CustomerKey, holdout.ArmOf(audience.Name, stay.CustomerKey), stay.EnteredOn,
                    byKey.GetValueOrDefault(stay.CustomerKey)));
                after.Add(stay with { LeftOn = asOf });
            }
            results.Add(new AudienceMembers(audience, members, entered, left));
        }
        return new AudienceNight(asOf, holdout.ControlShare, baseline, results, after);
    }
}
