using Microsoft.AspNetCore.Mvc;

namespace Retention.Pipeline.Http;

/// <summary>
/// A published HTML page, sent as stored, with the headers that keep it inert: the page's own CSP as a header
/// (frame-ancestors works only there), no content sniffing, no referrer, and no shared caching of shop figures.
/// </summary>
public sealed class HtmlResponse(byte[] body, string contentSecurityPolicy) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = 200;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = body.Length;
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "private, no-cache";
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
