namespace Retention.Pipeline.Http;

/// <summary>
/// The HTTP routes, relative to the Functions route prefix <see cref="Prefix"/> (host.json's default). The
/// Functions triggers and the local host both use these, so the two can never serve different URLs.
/// </summary>
public static class HttpRoutes
{
    public const string Prefix = "api";
    public const string GenericWebhook = "webhooks/generic/{shop}";
    public const string ShopifyWebhook = "webhooks/shopify/{shop}";
    public const string WooCommerceWebhook = "webhooks/woocommerce/{shop}";
    public const string RetentionSpend = "spend/{shop}";
    public const string Feedback = "feedback/{shop}";
    public const string Health = "health";
    /// <summary>The shop's newest published HTML report; needs a function key in Azure (docs/reports.md).</summary>
    public const string Report = "report/{shop}";
    /// <summary>The shop's HTML report of one day, yyyy-MM-dd.</summary>
    public const string ReportOfDay = "report/{shop}/{date}";

    public static string Local(string route) => "/" + Prefix + "/" + route;
}
