namespace Retention.Pipeline.Privacy;

/// <summary>What one compliance request removed, by kind of storage.</summary>
/// <param name="OrderRows">rows of the <c>orders</c> table.</param>
/// <param name="FeedbackRows">rows of the <c>feedback</c> table (comments and free-text reasons with them).</param>
/// <param name="RawEvents">archived raw events (blobs in <c>raw-events</c>, or a customer's rows cut from an imported file).</param>
/// <param name="OtherRows">any other table row: held refunds, spend, snapshots, snapshot datasets, the shop's registration,
/// and key-customer rows whose customer key was replaced by <c>redacted</c>.</param>
/// <param name="Exports">earlier data-request exports (blobs in <c>privacy-exports</c>).</param>
public sealed record PrivacyCounts(int OrderRows = 0, int FeedbackRows = 0, int RawEvents = 0, int OtherRows = 0, int Exports = 0)
{
    public static readonly PrivacyCounts None = new();

    public PrivacyCounts Plus(PrivacyCounts other) => new(OrderRows + other.OrderRows, FeedbackRows + other.FeedbackRows,
        RawEvents + other.RawEvents, OtherRows + other.OtherRows, Exports + other.Exports);
}

/// <summary>
/// One compliance request in the <c>privacyaudit</c> table: which request, when it came and when it was done, and
/// what it exported or deleted. It names the customer only by <see cref="Retention.Core.Privacy.CustomerPseudonym"/>
/// (salted, so it cannot be turned back into an id or an e-mail), never by id, e-mail or phone: the audit outlives
/// the data it records the deletion of.
/// </summary>
public sealed record PrivacyAuditEntry(
    string ShopId,
    string WebhookId,
    string Topic,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CompletedAt,
    string? ShopifyShopId,
    string? DataRequestId,
    IReadOnlyList<string> CustomerPseudonyms,
    int OrdersNamed,
    PrivacyCounts Deleted,
    string? ExportBlob,
    int OrdersExported,
    int FeedbackExported)
{
    public PrivacyAuditEntry Counting(PrivacyCounts deleted) => this with { Deleted = Deleted.Plus(deleted) };
}
