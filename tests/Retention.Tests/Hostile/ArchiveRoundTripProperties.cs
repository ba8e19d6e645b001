using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Core.Spend;
using Retention.Core.Events;
using Retention.Core.Generic;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Tests.Hostile;

/// <summary>
/// The readers behind the routes, in process, over many more hostile inputs than HTTP can afford: for any body, a
/// normalizer answers an event or a problem and never throws; and when it answers an event, the redacted copy that is
/// archived normalizes to the very same event (docs/events.md), since the queue processor and every later night read
/// that copy, not the delivery.
/// </summary>
public class ArchiveRoundTripProperties
{
    private static readonly ShopContext Shop = new("prop-shop", "EUR", "salt-for-properties");

    [Property(MaxTest = 2000)]
    public Property Generic_orders_normalize_or_refuse_and_their_archive_normalizes_the_same() =>
        Prop.ForAll(Arb.From(HostileInputs.Anything(SignedRoute.Generic)), input =>
            SameOrder(GenericOrderNormalizer.Normalize(input.Body, Shop, "e"), order => GenericEventRedactor.Redact(input.Body, order),
                archived => GenericOrderNormalizer.Normalize(archived, Shop, "e")));

    [Property(MaxTest = 2000)]
    public Property Shopify_orders_normalize_or_refuse_and_their_archive_normalizes_the_same() =>
        Prop.ForAll(Arb.From(HostileInputs.Anything(SignedRoute.Shopify)), input =>
            SameOrder(ShopifyOrderNormalizer.Normalize(input.Body, Shop, "e"), order => ShopifyEventRedactor.Redact(input.Body, order),
                archived => ShopifyOrderNormalizer.Normalize(archived, Shop, "e")));

    [Property(MaxTest = 2000)]
    public Property WooCommerce_orders_normalize_or_refuse_and_their_archive_normalizes_the_same() =>
        Prop.ForAll(Arb.From(HostileInputs.Anything(SignedRoute.WooCommerce)), input =>
            SameOrder(WooCommerceOrderNormalizer.Normalize(input.Body, Shop, "e"), order => WooCommerceEventRedactor.Redact(input.Body, order),
                archived => WooCommerceOrderNormalizer.Normalize(archived, Shop, "e")));

    [Property(MaxTest = 2000)]
    public Property Survey_answers_normalize_or_refuse_and_their_archive_normalizes_the_same() =>
        Prop.ForAll(Arb.From(HostileInputs.Anything(SignedRoute.Feedback)), input =>
        {
            var normalized = FeedbackNormalizer.Normalize(input.Body, Shop, "e");
            if (normalized.Response is not { } answer) return normalized.Problem is { Field.Length: > 0 };
            return FeedbackNormalizer.Normalize(FeedbackRedactor.Redact(input.Body, answer), Shop, "e").Response == answer;
        });

    [Property(MaxTest = 2000)]
    public Property Spend_is_read_or_refused_naming_a_field() =>
        Prop.ForAll(Arb.From(HostileInputs.Anything(SignedRoute.Spend)), input =>
            RetentionSpendRequest.Read(input.Body, "prop-shop", "e") is (not null, null) or (null, { Field.Length: > 0 }));

    private static bool SameOrder(OrderNormalization normalized, Func<NormalizedOrder, byte[]> redact, Func<byte[], OrderNormalization> again)
    {
        if (normalized.Order is not { } order) return normalized.Problem is { Field.Length: > 0 };
        var archived = again(redact(order)).Order;
        return archived is not null && archived with { Refunds = [] } == order with { Refunds = [] } && archived.Refunds.SequenceEqual(order.Refunds);
    }
}
