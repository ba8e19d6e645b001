using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Retention.Core.Shops;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Http;

/// <summary>
/// <c>GET /api/report/{shop}</c> (the newest published day) and <c>GET /api/report/{shop}/{yyyy-MM-dd}</c>: the
/// HTML report the nightly export published, served as stored. 400 for a malformed shop id or date, 404 with the
/// reason when there is no report, 503 when storage cannot be reached. In Azure the route needs a function key
/// (<c>docs/reports.md</c>): the page shows customer keys and revenue.
/// </summary>
public sealed class ReportEndpoint(PublishedReports reports)
{
    public async Task<IActionResult> LatestAsync(string shop, CancellationToken cancellationToken)
    {
        if (InvalidShop(shop) is { } invalid) return invalid;
        return await ServeAsync(async () =>
        {
            if (await reports.LatestDayAsync(shop, cancellationToken) is not { } day)
                return JsonResponse.Problem(404, "No report", $"shop '{shop}' has no published day yet: reports are published by the nightly snapshot " +
                    "(or 'retention snapshot'); an unregistered shop has none either");
            return await ReportOrNotFoundAsync(shop, day, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IActionResult> OfDayAsync(string shop, string date, CancellationToken cancellationToken)
    {
        if (InvalidShop(shop) is { } invalid) return invalid;
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return JsonResponse.Problem(400, "Invalid date", "the date must be a calendar date written yyyy-MM-dd, such as 2025-12-31", "date");
        return await ServeAsync(() => ReportOrNotFoundAsync(shop, day, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ReportOrNotFoundAsync(string shop, DateOnly day, CancellationToken cancellationToken) =>
        await reports.ReadAsync(shop, day, cancellationToken) is { } page
            ? new HtmlResponse(page, SnapshotReportPage.ContentSecurityPolicy)
            : JsonResponse.Problem(404, "No report", $"shop '{shop}' has no report as of {day:yyyy-MM-dd}: that day was not published " +
                "(or was published before reports existed; computing it again publishes one)");

    /// <summary>A shop id is checked before any storage request: it becomes part of a blob path.</summary>
    private static JsonResponse? InvalidShop(string shop) =>
        ShopId.IsValid(shop) ? null : JsonResponse.Problem(400, "Invalid shop id", $"a shop id is {ShopId.Rule}", "shop");

    private static async Task<IActionResult> ServeAsync(Func<Task<IActionResult>> serve, CancellationToken cancellationToken)
    {
        try
        {
            return await serve();
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            return JsonResponse.Problem(503, "Storage unavailable", "the report store cannot be reached; try again shortly", retryAfter: TimeSpan.FromSeconds(30));
        }
    }
}
