using System.Text.RegularExpressions;
using Retention.Core.Orders;
using Retention.Tests.Import;
using Retention.Tests.Support;

namespace Retention.Tests.WooCommerce;

/// <summary>The shared WooCommerce order webhook and its documented signature (read from ../shared, never copied).</summary>
internal static class WooCommerceReference
{
    public static byte[] OrderBody() => File.ReadAllBytes(RepositoryRoot.Shared("reference", "webhooks", "woocommerce_order_727.json"));

    /// <summary>The secret and signature as the reference notes give them.</summary>
    public static (string Secret, string Signature) Vector()
    {
        var notes = File.ReadAllText(RepositoryRoot.Shared("reference", "README.md"));
        var match = Regex.Match(notes, @"woocommerce_order_727\.json`.*?secret `([^`]+)`.*?X-WC-Webhook-Signature` is `([^`]+)`");
        Assert.True(match.Success, "the reference notes no longer describe the WooCommerce vector");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    /// <summary>
    /// An order as text, every field included (lines, channel, codes and country too): records compare their lists by
    /// reference, so two normalizations of one body are compared this way.
    /// </summary>
    public static string Described(NormalizedOrder o) =>
        ImportWorkspace.Describe(o) + $" lines [{string.Join(";", o.Lines.Select(l => $"{l.ProductId} {l.VariantId} {l.Sku} {l.Title} {l.Quantity} {l.NetAmount} {l.ReturnedQuantity}"))}]" +
        $" channel {o.Channel} codes [{string.Join(";", o.DiscountCodes)}] country {o.Country}";
}
