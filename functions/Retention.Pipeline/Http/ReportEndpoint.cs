using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Retention.Core.Shops;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Http;

/// <summary>
/// <c>GET /api/report/{shop}</c> (the newest published day) and <c>GET /api/report/{shop}/{yyyy-MM-dd}</c>: the
/// HTML report the nightly export published, served as stored. 400 for a malformed shop id or date, 404 with the
/// reason when there is no report, 503 when storage cannot be reached. Every request carries the shop's report key
/// (<see cref="ReportAccessKey"/>, as <c>?key=</c> or <c>Authorization: Bearer</c>): the page shows customer keys and
/// revenue, and one shop must not read another's. Without the right key the answer is 401, whether or not the shop
/// exists, so the route does not tell which shops there are (<c>docs/reports.md</c>). Both serve only a published day,
/// one with a day manifest: while a day is being computed again, or after a run that died part-way, that day is a 404
/// (and "latest" the newest other day), so the page served always belongs to a complete run (<c>docs/exports.md</c>).
/// </summary>
public sealed class ReportEndpoint(PublishedReports reports, IExportStore store, ShopCredentialStore credentials)
{
    /// <summary>The key a request presents: the <c>key</c> query parameter (a link a person can open) or a bearer token.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Query.TryGetValue("key", out var query) && query.Count == 1) return query[0];
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public async Task<IActionResult> LatestAsync(string shop, string? key, CancellationToken cancellationToken)
    {
        if (InvalidShop(shop) is { } invalid) return invalid;
        if (Unauthorized(shop, key) is { } refused) return refused;
        return await ServeAsync(async () =>
        {
            if (await reports.LatestDayAsync(shop, cancellationToken) is not { } day)
                return JsonResponse.Problem(404, "No report", $"shop '{shop}' has no published day yet: reports are published by the nightly snapshot " +
                    "(or 'retention snapshot'); an unregistered shop has none either");
            return await ReportOrNotFoundAsync(shop, day, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IActionResult> OfDayAsync(string shop, string date, string? key, CancellationToken cancellationToken)
    {
        if (InvalidShop(shop) is { } invalid) return invalid;
        // The request's form first (it tells nothing of any shop), then the key.
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return JsonResponse.Problem(400, "Invalid date", "the date must be a calendar date written yyyy-MM-dd, such as 2025-12-31", "date");
        if (Unauthorized(shop, key) is { } refused) return refused;
        return await ServeAsync(() => ReportOrNotFoundAsync(shop, day, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ReportOrNotFoundAsync(string shop, DateOnly day, CancellationToken cancellationToken)
    {
        // The manifest is the day's commit, for this endpoint as for every reader of the exports: without it the report
        // blob may be an earlier run's, left in place while the day is being computed again.
        if (await store.ReadAsync(SnapshotExporter.ManifestPath(shop, day), cancellationToken) is not null
            && await reports.ReadAsync(shop, day, cancellationToken) is { } page)
            return new HtmlResponse(page, SnapshotReportPage.ContentSecurityPolicy);
        return JsonResponse.Problem(404, "No report", $"shop '{shop}' has no report as of {day:yyyy-MM-dd}: that day is not published " +
            "(it may be being computed again right now; or it was published before reports existed, and computing it again publishes one)");
    }

    private JsonResponse? Unauthorized(string shop, string? key) =>
        credentials.Find(shop) is { } found && ReportAccessKey.Verify(shop, found, key)
            ? null
            : JsonResponse.Problem(401, "Report key required", "a report opens with its shop's report key, as ?key=… or 'Authorization: Bearer …' " +
                "('retention shops add' prints the shop's report link)");

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
