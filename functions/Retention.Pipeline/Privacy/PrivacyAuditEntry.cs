using Retention.Core.Shopify;

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
/// <param name="CompleteEverywhereBy">an erasure only, once completed: when the last blob it deleted or rewrote stops
/// being recoverable from the storage account's soft delete (<see cref="BlobSoftDeleteWindow"/>), so that nothing it
/// erased is left anywhere in the account. Its table rows were gone at <c>CompletedAt</c>. Null for a data request, and
/// for an erasure still being worked on.</param>
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
    int FeedbackExported,
    DateTimeOffset? CompleteEverywhereBy = null)
{
    public PrivacyAuditEntry Counting(PrivacyCounts deleted) => this with { Deleted = Deleted.Plus(deleted) };

    /// <summary>customers/redact or shop/redact: a request that deletes. A data request only writes an export.</summary>
    public bool IsErasure => Topic is ShopifyPrivacyTopics.CustomerRedact or ShopifyPrivacyTopics.ShopRedact;

    /// <summary>
    /// An erasure whose last blob deletion or overwrite was at <paramref name="lastBlobWrite"/>: complete everywhere one
    /// soft-delete window later, or later still if an earlier write already said so (a date never moves earlier). A
    /// data request is returned as it is.
    /// </summary>
    public PrivacyAuditEntry GoneEverywhereAfter(DateTimeOffset lastBlobWrite, BlobSoftDeleteWindow window)
    {
        if (!IsErasure) return this;
        var by = (lastBlobWrite + window.Length).ToUniversalTime();
        return CompleteEverywhereBy is { } earlier && earlier >= by ? this : this with { CompleteEverywhereBy = by };
    }
}
