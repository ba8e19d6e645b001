using Retention.Core.Audiences;

namespace Retention.Tests.Audiences;

/// <summary>
/// The holdout of 100,000 synthetic members: the control share is the setting within binomial bounds, the same
/// customer lands in the same arm every night, and the arms do not differ in customer value beyond chance.
/// </summary>
public class HoldoutAssignmentTests
{
    private const int Members = 100_000;
    private static readonly string[] Keys = [.. Enumerable.Range(0, Members).Select(i => $"c:{1_000_000 + i}")];

    [Theory]
    [InlineData(0.10)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void The_control_share_is_the_setting_within_binomial_bounds(double share)
    {
        var holdout = new HoldoutAssignment("salt-of-the-shop", (decimal)share);
        var control = Keys.Count(k => holdout.ArmOf("win-back", k) == HoldoutArm.Control);
        // Four standard errors of a binomial count: a correct assignment fails this once in ~16,000 runs.
        var bound = 4 * Math.Sqrt(Members * share * (1 - share));
        Assert.InRange(control, Members * share - bound, Members * share + bound);
    }

    [Fact]
    public void A_control_share_of_zero_holds_no_one_out_and_a_share_outside_0_to_half_is_refused()
    {
        var holdout = new HoldoutAssignment("salt", 0m);
        Assert.All(Keys.Take(10_000), k => Assert.Equal(HoldoutArm.Treated, holdout.ArmOf("vip", k)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutAssignment("salt", 0.51m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutAssignment("salt", -0.01m));
    }

    [Fact]
    public void A_customer_stays_in_the_same_arm_every_night_and_the_arms_of_two_audiences_are_independent()
    {
        // Two nights are two instances, as two runs of the night would build them.
        var night1 = new HoldoutAssignment("salt-of-the-shop", 0.1m);
        var night2 = new HoldoutAssignment("salt-of-the-shop", 0.1m);
        Assert.All(Keys, k => Assert.Equal(night1.ArmOf("win-back", k), night2.ArmOf("win-back", k)));

        // Control in both audiences ~ 1 % if independent (0.1 × 0.1), not 10 % as if the same hash decided both.
        var both = Keys.Count(k => night1.ArmOf("win-back", k) == HoldoutArm.Control && night1.ArmOf("vip", k) == HoldoutArm.Control);
        var bound = 4 * Math.Sqrt(Members * 0.01 * 0.99);
        Assert.InRange(both, Members * 0.01 - bound, Members * 0.01 + bound);

        // Another shop's salt gives another assignment: again only ~1 % overlap of the control groups.
        var other = new HoldoutAssignment("another-shop-salt", 0.1m);
        var shared = Keys.Count(k => night1.ArmOf("win-back", k) == HoldoutArm.Control && other.ArmOf("win-back", k) == HoldoutArm.Control);
        Assert.InRange(shared, Members * 0.01 - bound, Members * 0.01 + bound);
    }

    [Fact]
    public void The_arms_do_not_differ_in_customer_value_beyond_chance()
    {
        // Customer value that is correlated with the key's number (later customers are worth more), so an assignment
        // that leaned on the key's order would show up as a difference in means.
        var random = new Random(7);
        var values = Keys.Select((_, i) => Math.Exp(random.NextDouble() * 2 + i / 50_000.0)).ToArray();
        var holdout = new HoldoutAssignment("salt-of-the-shop", 0.1m);
        var control = new List<double>();
        var treated = new List<double>();
        for (var i = 0; i < Members; i++) (holdout.ArmOf("win-back", Keys[i]) == HoldoutArm.Control ? control : treated).Add(values[i]);

        // Welch's z for the difference of means: |z| < 4 unless the arms differ in value.
        static (double Mean, double Variance) Moments(List<double> x)
        {
            var mean = x.Average();
            return (mean, x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
        }
        var (mc, vc) = Moments(control);
        var (mt, vt) = Moments(treated);
        var z = (mt - mc) / Math.Sqrt(vc / control.Count + vt / treated.Count);
        Assert.InRange(z, -4, 4);

        // And by decile of value, each decile's control share stays near 10 %.
        var order = Enumerable.Range(0, Members).OrderBy(i => values[i]).ToArray();
        foreach (var decile in order.Chunk(Members / 10))
        {
            var share = decile.Count(i => holdout.ArmOf("win-back", Keys[i]) == HoldoutArm.Control) / (double)decile.Length;
            Assert.InRange(share, 0.1 - 4 * Math.Sqrt(0.09 / decile.Length), 0.1 + 4 * Math.Sqrt(0.09 / decile.Length));
        }
    }
}
