namespace Retention.Core.Generic;

/// <summary>
/// Where each column of a <c>generic-csv</c> file is, read from its header row (<c>docs/import.md</c>). Names
/// are matched without regard to case or surrounding spaces, in any order; <c>currency</c> and <c>status</c> may
/// be absent. A column the import does not read is refused rather than ignored: the file is archived as it
/// is, and an extra column (a name, an e-mail address) would put personal data in storage that webhooks never let in.
/// The order's country, channel and one discount code may be given too; none of them is personal.
/// </summary>
public sealed record GenericCsvColumns(int Count, int CustomerId, int OrderId, int OrderedAt, int Amount, int? Currency, int? Status,
    int? Country = null, int? ChannelSource = null, int? ChannelMedium = null, int? ChannelCampaign = null, int? DiscountCode = null)
{
    public static readonly IReadOnlyList<string> Required = ["customer_id", "order_id", "ordered_at", "amount"];
    public static readonly IReadOnlyList<string> Optional =
        ["currency", "status", "country", "channel_source", "channel_medium", "channel_campaign", "discount_code"];
    public const string Layout =
        "customer_id,order_id,ordered_at,amount[,currency,status,country,channel_source,channel_medium,channel_campaign,discount_code]";

    /// <exception cref="InvalidDataException">the header misses a required column, repeats one or has an unknown one.</exception>
    public static GenericCsvColumns FromHeader(IReadOnlyList<string> header)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            // A byte-order mark that reached us as text is not part of the first name.
            var name = (i == 0 ? header[i].TrimStart('\uFEFF') : header[i]).Trim().ToLowerInvariant();
            if (!Required.Contains(name) && !Optional.Contains(name))
                unknown.Add(name.Length == 0 ? $"(empty, column {i + 1})" : header[i].Trim());
            else if (!positions.TryAdd(name, i))
                throw new InvalidDataException($"the header names the column {name} twice; a {Format} header is {Layout}");
        }
        var missing = Required.Where(name => !positions.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"the header lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; " +
                                           $"a {Format} header is {Layout}, in any order");
        if (unknown.Count > 0)
            throw new InvalidDataException($"the header has column{(unknown.Count > 1 ? "s" : "")} the import does not read: {string.Join(", ", unknown)}; " +
                                           $"remove {(unknown.Count > 1 ? "them" : "it")} (the file is archived as it is, so it may hold only {Layout})");
        int? At(string name) => positions.TryGetValue(name, out var at) ? at : null;
        return new GenericCsvColumns(header.Count, positions["customer_id"], positions["order_id"], positions["ordered_at"], positions["amount"],
            At("currency"), At("status"), At("country"), At("channel_source"), At("channel_medium"), At("channel_campaign"), At("discount_code"));
    }

    private const string Format = "generic-csv";
}
