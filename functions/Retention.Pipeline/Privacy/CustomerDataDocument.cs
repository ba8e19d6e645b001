using System.Diagnostics.CodeAnalysis;
using Retention.Core.Feedback;
using Retention.Core.Orders;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// The JSON document a <c>customers/data_request</c> produces: every order row and survey answer held under the
/// customer's keys (and the orders Shopify named), as stored (each order with its lines, channel, discount codes and country). Written to <c>privacy-exports/{shop}/{request id}.json</c>
/// for the merchant to hand to the customer.
/// </summary>
public sealed record CustomerDataDocument(
    string Shop,
    string Topic,
    string? DataRequestId,
    string WebhookId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ExportedAt,
    IReadOnlyList<string> CustomerKeys,
    IReadOnlyList<ExportedOrder> Orders,
    IReadOnlyList<ExportedAnswer> Feedback)
{
    /// <summary>What the document says about how the data is used, so the merchant need not explain the fields.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A member of the JSON document: System.Text.Json writes instance properties only.")]
    public string About =>
        "Orders (with what was bought, where the customer came from, the discount codes used and the country) and survey answers " +
        "held by the retention analytics for this shop. Customer keys are the shop platform's customer id " +
        "(c:…) or a salted hash of a guest's e-mail address (e:…); no e-mail address, name, address or phone number is stored.";
}

public sealed record ExportedRefund(string Id, decimal Amount, DateTimeOffset RefundedAt);

/// <summary>One line of an exported order: the product, how many, the line's net amount in the order's currency, how many returned.</summary>
public sealed record ExportedLine(string ProductId, string? VariantId, string? Sku, string? Title, int Quantity, decimal NetAmount,
    int ReturnedQuantity);

/// <summary>Where the order came from, as stored: source / medium, campaign, the referring site's host, the platform's sales channel.</summary>
public sealed record ExportedChannel(string Source, string Medium, string? Campaign, string? ReferrerHost, string? SourceName);

/// <param name="Country">the ISO 3166-1 alpha-2 code of the order's shipping (else billing) country; null when none is known.</param>
public sealed record ExportedOrder(string OrderId, string CustomerKey, DateTimeOffset OrderedAt, DateTimeOffset UpdatedAt, string Currency,
    decimal Total, string Status, DateTimeOffset? CancelledAt, IReadOnlyList<ExportedRefund> Refunds, bool IsTest, string Platform,
    IReadOnlyList<ExportedLine> Lines, ExportedChannel Channel, IReadOnlyList<string> DiscountCodes, string? Country)
{
    public static ExportedOrder Of(NormalizedOrder order) => new(order.OrderId, order.CustomerKey, order.OrderedAt, order.UpdatedAt,
        order.Currency, order.Total, order.Status.ToWire(), order.CancelledAt,
        [.. order.Refunds.Select(r => new ExportedRefund(r.RefundId, r.Amount, r.RefundedAt))], order.IsTest, order.Platform,
        [.. order.Lines.Select(l => new ExportedLine(l.ProductId, l.VariantId, l.Sku, l.Title, l.Quantity, l.NetAmount, l.ReturnedQuantity))],
        new ExportedChannel(order.Channel.Source, order.Channel.Medium, order.Channel.Campaign, order.Channel.ReferrerHost, order.Channel.SourceName),
        [.. order.DiscountCodes], order.Country);
}

public sealed record ExportedAnswer(string AnswerId, string SurveyId, string CustomerKey, string Kind, int Score, string? Comment, string? Reason,
    string? ReasonText, DateTimeOffset SubmittedAt)
{
    public static ExportedAnswer Of(FeedbackResponse answer) => new(answer.AnswerId, answer.SurveyId, answer.CustomerKey,
        answer.Kind.ToString().ToLowerInvariant(), answer.Score, answer.Comment, answer.Reason?.ToString().ToLowerInvariant(), answer.ReasonText,
        answer.SubmittedAt);
}
