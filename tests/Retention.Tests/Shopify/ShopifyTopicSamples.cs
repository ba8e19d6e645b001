namespace Retention.Tests.Shopify;

/// <summary>
/// Shopify's documented bodies of the topics besides the order topics, as the webhook and privacy-compliance reference
/// pages give them. The compliance bodies are verbatim from Shopify's "Mandatory compliance webhooks" documentation
/// (the same example values appear in Shopify's app templates: shop 954889, customer 191167 "john@example.com"
/// "555-625-1199", orders 299938, 280263, 220458, data request 9999), except that <c>{shop}.myshopify.com</c> is the
/// test shop's domain. <c>orders/delete</c> is documented as the deleted order's id alone; the id here is the
/// orders/create sample's. <c>orders/edited</c> has the documented <c>order_edit</c> fields (<c>id</c>, <c>app_id</c>,
/// <c>created_at</c>, <c>committed_at</c> since 2024-07, <c>notify_customer</c>, <c>order_id</c>, <c>staff_note</c>,
/// <c>user_id</c>, <c>line_items</c>/<c>discounts</c>/<c>shipping_lines</c> additions and removals with line item ids
/// and quantity deltas), filled with the orders/create sample's order and line items; it carries no totals.
/// </summary>
public static class ShopifyTopicSamples
{
    public const string OrdersDelete = """
  {
    "id": 820982911946154508
  }
  """;

    public const string OrdersEdited = """
  {
    "order_edit": {
      "id": 78912328,
      "app_id": null,
      "created_at": "2021-12-31T19:00:00-05:00",
      "committed_at": "2021-12-31T19:00:00-05:00",
      "notify_customer": false,
      "order_id": 820982911946154508,
      "staff_note": "",
      "user_id": null,
      "line_items": {
        "additions": [
          {
            "id": 976318377106520349,
            "delta": 1
          }
        ],
        "removals": [
          {
            "id": 487817672276298554,
            "delta": 1
          }
        ]
      },
      "discounts": {
        "line_item": {
          "additions": [],
          "removals": []
        }
      },
      "shipping_lines": {
        "additions": [],
        "removals": []
      }
    }
  }
  """;

    public const string CustomersDataRequest = """
  {
    "shop_id": 954889,
    "shop_domain": "jsmith.myshopify.com",
    "orders_requested": [
      299938,
      280263,
      220458
    ],
    "customer": {
      "id": 191167,
      "email": "john@example.com",
      "phone": "555-625-1199"
    },
    "data_request": {
      "id": 9999
    }
  }
  """;

    public const string CustomersRedact = """
  {
    "shop_id": 954889,
    "shop_domain": "jsmith.myshopify.com",
    "customer": {
      "id": 191167,
      "email": "john@example.com",
      "phone": "555-625-1199"
    },
    "orders_to_redact": [
      299938,
      280263,
      220458
    ]
  }
  """;

    public const string ShopRedact = """
  {
    "shop_id": 954889,
    "shop_domain": "jsmith.myshopify.com"
  }
  """;
}
