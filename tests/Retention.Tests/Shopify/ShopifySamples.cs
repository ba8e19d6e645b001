namespace Retention.Tests.Shopify;

/// <summary>
/// Shopify's own example bodies, copied from the webhook reference "Webhooks" page, API version 2026-07
/// (https://shopify.dev/docs/api/webhooks/2026-07, "orders/create: Sample Payload" and "refunds/create: Sample Payload";
/// read from a stored copy of that page, fetched 2026-09-11). The order sample is verbatim. The refund sample is verbatim
/// except that <c>refund_line_items</c> keeps only the first of its five items (the others have the same shape and
/// are not read by the normalizer).
/// </summary>
/// <remarks>
/// Read by hand from the order sample: id 820982911946154508; customer.id 115310627314723954; created_at and
/// updated_at 2021-12-31T19:00:00-05:00; currency USD (presentment_currency USD); current_total_price "414.95"
/// (total_price "404.95"); financial_status "voided"; cancelled_at 2021-12-31T19:00:00-05:00; test true; refunds [].
/// Refund sample: id 890088186047892319 for order 820982911946154508, created_at 2021-12-31T19:00:00-05:00, two
/// transactions of kind refund, status success: "75.00" and "10.00".
/// </remarks>
public static class ShopifySamples
{
    public const string OrdersCreate = """
  {
    "id": 820982911946154508,
    "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
    "app_id": null,
    "browser_ip": null,
    "buyer_accepts_marketing": true,
    "cancel_reason": "customer",
    "cancelled_at": "2021-12-31T19:00:00-05:00",
    "cart_token": null,
    "checkout_token": null,
    "client_details": null,
    "closed_at": null,
    "confirmation_number": null,
    "confirmed": false,
    "contact_email": "jon@example.com",
    "created_at": "2021-12-31T19:00:00-05:00",
    "currency": "USD",
    "current_shipping_price_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "current_subtotal_price": "414.95",
    "current_subtotal_price_set": {
      "shop_money": {
        "amount": "414.95",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "414.95",
        "currency_code": "USD"
      }
    },
    "current_total_additional_fees_set": null,
    "current_total_discounts": "0.00",
    "current_total_discounts_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "current_total_duties_set": null,
    "current_total_price": "414.95",
    "current_total_price_set": {
      "shop_money": {
        "amount": "414.95",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "414.95",
        "currency_code": "USD"
      }
    },
    "current_total_tax": "0.00",
    "current_total_tax_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "customer_locale": "en",
    "device_id": null,
    "discount_codes": [],
    "duties_included": false,
    "email": "jon@example.com",
    "estimated_taxes": false,
    "financial_status": "voided",
    "fulfillment_status": null,
    "landing_site": null,
    "landing_site_ref": null,
    "location_id": null,
    "merchant_business_entity_id": "MTU0ODM4MDAwOQ",
    "merchant_of_record_app_id": null,
    "name": "#9999",
    "note": null,
    "note_attributes": [],
    "number": 234,
    "order_number": 1234,
    "order_status_url": "https://jsmith.myshopify.com/548380009/orders/123456abcd/authenticate?key=abcdefg",
    "original_total_additional_fees_set": null,
    "original_total_duties_set": null,
    "payment_gateway_names": [
      "visa",
      "bogus"
    ],
    "phone": null,
    "po_number": null,
    "presentment_currency": "USD",
    "processed_at": "2021-12-31T19:00:00-05:00",
    "reference": null,
    "referring_site": null,
    "source_identifier": null,
    "source_name": "web",
    "source_url": null,
    "subtotal_price": "404.95",
    "subtotal_price_set": {
      "shop_money": {
        "amount": "404.95",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "404.95",
        "currency_code": "USD"
      }
    },
    "tags": "tag1, tag2",
    "tax_exempt": false,
    "tax_lines": [],
    "taxes_included": false,
    "test": true,
    "token": "123456abcd",
    "total_cash_rounding_payment_adjustment_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "total_cash_rounding_refund_adjustment_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "total_discounts": "20.00",
    "total_discounts_set": {
      "shop_money": {
        "amount": "20.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "20.00",
        "currency_code": "USD"
      }
    },
    "total_line_items_price": "414.95",
    "total_line_items_price_set": {
      "shop_money": {
        "amount": "414.95",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "414.95",
        "currency_code": "USD"
      }
    },
    "total_outstanding": "414.95",
    "total_price": "404.95",
    "total_price_set": {
      "shop_money": {
        "amount": "404.95",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "404.95",
        "currency_code": "USD"
      }
    },
    "total_shipping_price_set": {
      "shop_money": {
        "amount": "10.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "10.00",
        "currency_code": "USD"
      }
    },
    "total_tax": "0.00",
    "total_tax_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "total_tip_received": "0.00",
    "total_weight": 0,
    "updated_at": "2021-12-31T19:00:00-05:00",
    "user_id": null,
    "billing_address": {
      "first_name": "Steve",
      "address1": "123 Shipping Street",
      "phone": "555-555-SHIP",
      "city": "Shippington",
      "zip": "40003",
      "province": "Kentucky",
      "country": "United States",
      "last_name": "Shipper",
      "address2": null,
      "company": "Shipping Company",
      "latitude": null,
      "longitude": null,
      "name": "Steve Shipper",
      "country_code": "US",
      "province_code": "KY"
    },
    "customer": {
      "id": 115310627314723954,
      "created_at": null,
      "updated_at": null,
      "first_name": "John",
      "last_name": "Smith",
      "state": "disabled",
      "note": null,
      "verified_email": true,
      "multipass_identifier": null,
      "tax_exempt": false,
      "email": "john@example.com",
      "phone": null,
      "currency": "USD",
      "tax_exemptions": [],
      "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954",
      "default_address": {
        "id": 715243470612851245,
        "customer_id": 115310627314723954,
        "first_name": "John",
        "last_name": "Smith",
        "company": null,
        "address1": "123 Elm St.",
        "address2": null,
        "city": "Ottawa",
        "province": "Ontario",
        "country": "Canada",
        "zip": "K2H7A8",
        "phone": "123-123-1234",
        "name": "John Smith",
        "province_code": "ON",
        "country_code": "CA",
        "country_name": "Canada",
        "default": true
      }
    },
    "discount_applications": [],
    "fulfillments": [],
    "line_items": [
      {
        "id": 487817672276298554,
        "admin_graphql_api_id": "gid://shopify/LineItem/487817672276298554",
        "attributed_staffs": [
          {
            "id": "gid://shopify/StaffMember/902541635",
            "quantity": 1
          }
        ],
        "current_quantity": 1,
        "fulfillable_quantity": 1,
        "fulfillment_service": "manual",
        "fulfillment_status": null,
        "gift_card": false,
        "grams": 100,
        "name": "Aviator sunglasses",
        "price": "89.99",
        "price_set": {
          "shop_money": {
            "amount": "89.99",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "89.99",
            "currency_code": "USD"
          }
        },
        "product_exists": true,
        "product_id": 788032119674292922,
        "properties": [],
        "quantity": 1,
        "requires_shipping": true,
        "sales_line_item_group_id": null,
        "sku": "SKU2006-001",
        "taxable": true,
        "title": "Aviator sunglasses",
        "total_discount": "0.00",
        "total_discount_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "variant_id": null,
        "variant_inventory_management": null,
        "variant_title": null,
        "vendor": null,
        "tax_lines": [],
        "duties": [],
        "discount_allocations": []
      },
      {
        "id": 789012345678901234,
        "admin_graphql_api_id": "gid://shopify/LineItem/789012345678901234",
        "attributed_staffs": [],
        "current_quantity": 1,
        "fulfillable_quantity": 1,
        "fulfillment_service": "manual",
        "fulfillment_status": null,
        "gift_card": false,
        "grams": 0,
        "name": "Lens Protection Plan (2 Year)",
        "price": "19.99",
        "price_set": {
          "shop_money": {
            "amount": "19.99",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "19.99",
            "currency_code": "USD"
          }
        },
        "product_exists": false,
        "product_id": null,
        "properties": [],
        "quantity": 1,
        "requires_shipping": true,
        "sales_line_item_group_id": 234567890123456789,
        "sku": "LENS-PROTECT-2YR",
        "taxable": true,
        "title": "Lens Protection Plan (2 Year)",
        "total_discount": "0.00",
        "total_discount_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "variant_id": null,
        "variant_inventory_management": null,
        "variant_title": null,
        "vendor": null,
        "tax_lines": [],
        "duties": [],
        "discount_allocations": []
      },
      {
        "id": 890123456789012345,
        "admin_graphql_api_id": "gid://shopify/LineItem/890123456789012345",
        "attributed_staffs": [],
        "current_quantity": 1,
        "fulfillable_quantity": 1,
        "fulfillment_service": "manual",
        "fulfillment_status": null,
        "gift_card": false,
        "grams": 0,
        "name": "Premium Leather Case",
        "price": "24.99",
        "price_set": {
          "shop_money": {
            "amount": "24.99",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "24.99",
            "currency_code": "USD"
          }
        },
        "product_exists": false,
        "product_id": null,
        "properties": [],
        "quantity": 1,
        "requires_shipping": true,
        "sales_line_item_group_id": 234567890123456789,
        "sku": "CASE-LEATHER-PREM",
        "taxable": true,
        "title": "Premium Leather Case",
        "total_discount": "0.00",
        "total_discount_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "variant_id": null,
        "variant_inventory_management": null,
        "variant_title": null,
        "vendor": null,
        "tax_lines": [],
        "duties": [],
        "discount_allocations": []
      },
      {
        "id": 976318377106520349,
        "admin_graphql_api_id": "gid://shopify/LineItem/976318377106520349",
        "attributed_staffs": [],
        "current_quantity": 1,
        "fulfillable_quantity": 1,
        "fulfillment_service": "manual",
        "fulfillment_status": null,
        "gift_card": false,
        "grams": 1000,
        "name": "Mid-century lounger",
        "price": "159.99",
        "price_set": {
          "shop_money": {
            "amount": "159.99",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "159.99",
            "currency_code": "USD"
          }
        },
        "product_exists": true,
        "product_id": 788032119674292922,
        "properties": [],
        "quantity": 1,
        "requires_shipping": true,
        "sales_line_item_group_id": 142831562,
        "sku": "SKU2006-020",
        "taxable": true,
        "title": "Mid-century lounger",
        "total_discount": "0.00",
        "total_discount_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "variant_id": null,
        "variant_inventory_management": null,
        "variant_title": null,
        "vendor": null,
        "tax_lines": [],
        "duties": [],
        "discount_allocations": []
      },
      {
        "id": 315789986012684393,
        "admin_graphql_api_id": "gid://shopify/LineItem/315789986012684393",
        "attributed_staffs": [],
        "current_quantity": 1,
        "fulfillable_quantity": 1,
        "fulfillment_service": "manual",
        "fulfillment_status": null,
        "gift_card": false,
        "grams": 500,
        "name": "Coffee table",
        "price": "119.99",
        "price_set": {
          "shop_money": {
            "amount": "119.99",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "119.99",
            "currency_code": "USD"
          }
        },
        "product_exists": true,
        "product_id": 788032119674292922,
        "properties": [],
        "quantity": 1,
        "requires_shipping": true,
        "sales_line_item_group_id": 142831562,
        "sku": "SKU2006-035",
        "taxable": true,
        "title": "Coffee table",
        "total_discount": "0.00",
        "total_discount_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "variant_id": null,
        "variant_inventory_management": null,
        "variant_title": null,
        "vendor": null,
        "tax_lines": [],
        "duties": [],
        "discount_allocations": []
      }
    ],
    "payment_terms": null,
    "refunds": [],
    "shipping_address": {
      "first_name": "Steve",
      "address1": "123 Shipping Street",
      "phone": "555-555-SHIP",
      "city": "Shippington",
      "zip": "40003",
      "province": "Kentucky",
      "country": "United States",
      "last_name": "Shipper",
      "address2": null,
      "company": "Shipping Company",
      "latitude": null,
      "longitude": null,
      "name": "Steve Shipper",
      "country_code": "US",
      "province_code": "KY"
    },
    "shipping_lines": [
      {
        "id": 271878346596884015,
        "carrier_identifier": null,
        "code": null,
        "current_discounted_price_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "discounted_price": "0.00",
        "discounted_price_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "is_removed": false,
        "phone": null,
        "price": "10.00",
        "price_set": {
          "shop_money": {
            "amount": "10.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "10.00",
            "currency_code": "USD"
          }
        },
        "requested_fulfillment_service_id": null,
        "source": "shopify",
        "title": "Generic Shipping",
        "tax_lines": [],
        "discount_allocations": []
      }
    ],
    "returns": [],
    "line_item_groups": []
  }
  """;

    public const string RefundsCreate = """
  {
    "id": 890088186047892319,
    "order_id": 820982911946154508,
    "created_at": "2021-12-31T19:00:00-05:00",
    "note": "Things were damaged",
    "user_id": 548380009,
    "processed_at": "2021-12-31T19:00:00-05:00",
    "duties": [],
    "total_duties_set": {
      "shop_money": {
        "amount": "0.00",
        "currency_code": "USD"
      },
      "presentment_money": {
        "amount": "0.00",
        "currency_code": "USD"
      }
    },
    "return": null,
    "refund_shipping_lines": [],
    "restock": false,
    "admin_graphql_api_id": "gid://shopify/Refund/890088186047892319",
    "order_adjustments": [],
    "refund_line_items": [
      {
        "id": 487817672276298627,
        "quantity": 1,
        "line_item_id": 487817672276298554,
        "location_id": null,
        "restock_type": "no_restock",
        "subtotal": 89.99,
        "total_tax": 0.0,
        "subtotal_set": {
          "shop_money": {
            "amount": "89.99",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "89.99",
            "currency_code": "USD"
          }
        },
        "total_tax_set": {
          "shop_money": {
            "amount": "0.00",
            "currency_code": "USD"
          },
          "presentment_money": {
            "amount": "0.00",
            "currency_code": "USD"
          }
        },
        "line_item": {
          "id": 487817672276298554,
          "variant_id": null,
          "title": "Aviator sunglasses",
          "quantity": 1,
          "sku": "SKU2006-001",
          "variant_title": null,
          "vendor": null,
          "fulfillment_service": "manual",
          "product_id": 788032119674292922,
          "requires_shipping": true,
          "taxable": true,
          "gift_card": false,
          "name": "Aviator sunglasses",
          "variant_inventory_management": null,
          "properties": [],
          "product_exists": true,
          "fulfillable_quantity": 1,
          "grams": 100,
          "price": "89.99",
          "total_discount": "0.00",
          "fulfillment_status": null,
          "price_set": {
            "shop_money": {
              "amount": "89.99",
              "currency_code": "USD"
            },
            "presentment_money": {
              "amount": "89.99",
              "currency_code": "USD"
            }
          },
          "total_discount_set": {
            "shop_money": {
              "amount": "0.00",
              "currency_code": "USD"
            },
            "presentment_money": {
              "amount": "0.00",
              "currency_code": "USD"
            }
          },
          "discount_allocations": [],
          "duties": [],
          "admin_graphql_api_id": "gid://shopify/LineItem/487817672276298554",
          "tax_lines": []
        }
      }
    ],
    "transactions": [
      {
        "id": 245135271310201194,
        "order_id": 820982911946154508,
        "kind": "refund",
        "gateway": "bogus",
        "status": "success",
        "message": "This is a refund",
        "created_at": "2019-12-31T19:00:00-05:00",
        "test": false,
        "authorization": null,
        "location_id": null,
        "user_id": null,
        "parent_id": null,
        "processed_at": null,
        "device_id": null,
        "error_code": null,
        "source_name": "web",
        "receipt": {},
        "amount": "75.00",
        "currency": null,
        "payment_id": "#9999.",
        "total_unsettled_set": {
          "presentment_money": {
            "amount": "0.0",
            "currency": "XXX"
          },
          "shop_money": {
            "amount": "0.0",
            "currency": "XXX"
          }
        },
        "manual_payment_gateway": false,
        "amount_rounding": null,
        "admin_graphql_api_id": "gid://shopify/OrderTransaction/245135271310201194"
      },
      {
        "id": 839212141605670573,
        "order_id": 820982911946154508,
        "kind": "refund",
        "gateway": "bogus",
        "status": "success",
        "message": null,
        "created_at": "2020-01-01T19:00:00-05:00",
        "test": false,
        "authorization": null,
        "location_id": null,
        "user_id": null,
        "parent_id": null,
        "processed_at": null,
        "device_id": null,
        "error_code": null,
        "source_name": "web",
        "receipt": {},
        "amount": "10.00",
        "currency": null,
        "payment_id": "#9999.",
        "total_unsettled_set": {
          "presentment_money": {
            "amount": "0.0",
            "currency": "XXX"
          },
          "shop_money": {
            "amount": "0.0",
            "currency": "XXX"
          }
        },
        "manual_payment_gateway": false,
        "amount_rounding": null,
        "admin_graphql_api_id": "gid://shopify/OrderTransaction/839212141605670573"
      }
    ]
  }
  """;
}
