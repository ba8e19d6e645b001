using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Retention.Pipeline.Http;
using Retention.Pipeline.Hosting;

namespace RetentionFunctions.Functions;

/// <summary>
/// GET /api/report/{shop} and GET /api/report/{shop}/{yyyy-MM-dd}: the published HTML report. Function-level
/// authorization (the function key, as <c>?code=…</c> or <c>x-functions-key</c>) and the shop's own report key
/// (<c>?key=…</c> or a bearer token): a function key opens the app, the report key one shop (docs/reports.md).
/// </summary>
public sealed class ReportFunction(ReportEndpoint reports)
{
    [Function(FunctionBindings.Report)]
    public Task<IActionResult> Latest(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Report)] HttpRequest request,
        string shop, CancellationToken cancellationToken) =>
        reports.LatestAsync(shop, ReportEndpoint.PresentedKey(request), cancellationToken);

    [Function(FunctionBindings.ReportOfDay)]
    public Task<IActionResult> OfDay(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.ReportOfDay)] HttpRequest request,
        string shop, string date, CancellationToken cancellationToken) =>
        reports.OfDayAsync(shop, date, ReportEndpoint.PresentedKey(request), cancellationToken);
}
