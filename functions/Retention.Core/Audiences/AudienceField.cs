namespace Retention.Core.Audiences;

/// <summary>
/// A column a shop's own audience can filter on (<c>docs/audiences.md</c>, "Fields"): its name in the filter, whether it
/// is a number (compared, or in a range <c>min..max</c>) or text (one of a list of values, any case), and how it is read.
/// A text field of a list (the first order's products) matches when any of its values does.
/// </summary>
public sealed record AudienceField(string Name, bool IsNumber, string Meaning, Func<AudienceCustomer, double?>? Number,
    Func<AudienceCustomer, IEnumerable<string>>? Texts, bool NeedsFirstOrder = false)
{
    public static IReadOnlyList<AudienceField> All { get; } =
    [
        Text("segment", "the RFM segment, e.g. at_risk, cant_lose_them, champions", c => One(c.Segment)),
        Text("churn_risk", "the churn-risk band: low, medium or high (no value without a forecast)", c => One(c.ChurnRisk)),
        Numeric("p_alive", "the probability the customer is still active, 0 to 1", c => c.ProbabilityAlive),
        Numeric("historic_clv", "net revenue to date, in the shop's currency", c => (double)c.HistoricClv),
        Numeric("predicted_clv", "predicted 12-month CLV, in the shop's currency", c => c.PredictedClv),
        Numeric("days_since_last_order", "days from the last order to the night's day", c => c.DaysSinceLastOrder),
        Numeric("orders", "orders to date", c => c.Orders),
        Text("first_product", "a product id of the first order", c => c.FirstProducts, needsFirstOrder: true),
        Text("first_category", "a category of the first order's products (uncategorised when the catalog has none)", c => c.FirstCategories, needsFirstOrder: true),
        Text("first_channel", "the first order's channel, \"source / medium\" as in the figures", c => One(c.FirstChannel), needsFirstOrder: true),
        Text("country", "the first order's ISO country code, or unknown", c => One(c.Country ?? "unknown"), needsFirstOrder: true),
    ];

    public static AudienceField? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    private static AudienceField Numeric(string name, string meaning, Func<AudienceCustomer, double?> read) => new(name, true, meaning, read, null);

    private static AudienceField Text(string name, string meaning, Func<AudienceCustomer, IEnumerable<string>> read, bool needsFirstOrder = false) =>
        new(name, false, meaning, null, read, needsFirstOrder);

    private static IEnumerable<string> One(string? value) => value is null ? [] : [value];
}
