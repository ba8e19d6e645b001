using Retention.Core.Dimensions;

namespace Retention.Core.Datasets;

/// <summary>The product journey: the most frequent (first-order product, second-order product) pairs, by customers.</summary>
public static class ProductJourneyDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<ProductPair>("product_journey",
        "pair of a first-order and a second-order product (the top pairs by customers)", "snapshotproductjourney",
        night => night.Dimensions.Journey,
        c => c
            .Int("rank", r => r.Rank)
            .Text("first_product_id", r => r.FirstProductId)
            .Text("first_product_title", r => r.FirstProductTitle)
            .Text("second_product_id", r => r.SecondProductId)
            .Text("second_product_title", r => r.SecondProductTitle)
            .Int("customers", r => r.Customers)
            .Int("first_product_repeat_customers", r => r.FirstProductRepeatCustomers)
            .Decimal("share", r => r.Share),
        key: ["rank"]);
}
