using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;

namespace RetentionFunctions.Functions;

/// <summary>
/// GET /api/report/{shop} and GET /api/report/{shop}/{yyyy-MM-dd}: the published HTML report. Function-level
/// authorization: the page shows customer keys and revenue, so a caller needs the function (or host) key, as
/// <c>?code=…</c> or the <c>x-functions-key</c> header (docs/reports.md).
/// </summary>
public sealed class ReportFunction(ReportEndpoint reports)
{
    [Function("Report")]
    public Task<IActionResult> Latest(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Report)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        reports.LatestAsync(shop, cancellationToken);

    [Function("ReportOfDay")]
    public Task<IActionResult> OfDay(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.ReportOfDay)] HttpRequest request,
        string shop, string date, CancellationToken cancellationToken) =>
        reports.OfDayAsync(shop, date, cancellationToken);
}
