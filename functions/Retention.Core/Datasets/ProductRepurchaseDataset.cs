using Retention.Core.Dimensions;

namespace Retention.Core.Datasets;

/// <summary>Which products are replenished: of a product's first buyers with a second order, the share who bought it again in it.</summary>
public static class ProductRepurchaseDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<ProductRepurchase>("product_repurchase",
        "product of first orders (the top products by first-order customers)", "snapshotproductrepurchase",
        night => night.Dimensions.Repurchases,
        c => c
            .Int("rank", r => r.Rank)
            .Text("product_id", r => r.ProductId)
            .Text("title", r => r.Title)
            .Int("first_order_customers", r => r.FirstOrderCustomers)
            .Int("repeat_customers", r => r.RepeatCustomers)
            .Int("repurchased_customers", r => r.RepurchasedCustomers)
            .Decimal("repurchase_rate", r => r.RepurchaseRate),
        key: ["rank"]);
}
