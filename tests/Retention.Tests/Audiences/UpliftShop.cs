using System.Globalization;
using Retention.Core.Audiences;
using Retention.Core.Ledger;

namespace Retention.Tests.Audiences;

/// <summary>
/// Hand-built audiences for the uplift tests: a customer's arm is read from their key ("t…" treated, "c…" control), so
/// every test says who is in which arm; purchases are (day, net amount) pairs.
/// </summary>
internal static class UpliftShop
{
    public const string Audience = "win-back";

    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static HoldoutArm ArmOf(string key) => key.StartsWith('c') ? HoldoutArm.Control : HoldoutArm.Treated;

    public static AudienceStay Stay(string key, DateOnly entered, DateOnly? left = null) => new(Audience, key, entered, left);

    public static CustomerPurchases Buys(string key, params (DateOnly Day, decimal Amount)[] purchases) =>
        new(key, [.. purchases.OrderBy(p => p.Day).Select((p, i) => new FacetedPurchase($"{key}-{i}", p.Day.DayNumber, p.Amount, default))]);

    /// <summary>
    /// <paramref name="members"/> members of one arm entering on <paramref name="entered"/>, each with the order that put
    /// them there on the entry day; the first <paramref name="reordered"/> of them order again <paramref name="afterDays"/>
    /// days later, member i for <paramref name="amount"/>(i).
    /// </summary>
    public static (List<AudienceStay> Stays, List<CustomerPurchases> Purchases) Arm(string prefix, int members, int reordered, DateOnly entered,
        int afterDays = 10, Func<int, decimal>? amount = null)
    {
        var stays = new List<AudienceStay>(members);
        var purchases = new List<CustomerPurchases>(members);
        for (var i = 0; i < members; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D4}");
            stays.Add(Stay(key, entered));
            purchases.Add(i < reordered
                ? Buys(key, (entered, 40m), (entered.AddDays(afterDays), amount?.Invoke(i) ?? 25m))
                : Buys(key, (entered, 40m)));
        }
        return (stays, purchases);
    }

    /// <summary>The arms together, purchases in key order as the ledger gives them.</summary>
    public static (List<AudienceStay> Stays, List<CustomerPurchases> Purchases) Together(
        params (List<AudienceStay> Stays, List<CustomerPurchases> Purchases)[] arms) =>
        ([.. arms.SelectMany(a => a.Stays)], [.. arms.SelectMany(a => a.Purchases).OrderBy(c => c.CustomerKey, StringComparer.Ordinal)]);
}
