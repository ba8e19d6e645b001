using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Retention.Pipeline.Http;

/// <summary>
/// A JSON answer that writes itself to the response. It needs no MVC services, so the Functions ASP.NET Core
/// integration and the local Kestrel host execute it the same way.
/// </summary>
public sealed class JsonResponse(int status, object body, string contentType = "application/json", TimeSpan? retryAfter = null) : IActionResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // application/json is never rendered as HTML, so "shop 'x'" can stay readable instead of \u0027.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Status => status;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        if (retryAfter is { } delay) response.Headers.RetryAfter = ((int)delay.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), Json, context.HttpContext.RequestAborted);
    }

    /// <summary>An RFC 9457 problem document; <paramref name="field"/> names the offending input when there is one.</summary>
    public static JsonResponse Problem(int status, string title, string? detail, string? field = null, TimeSpan? retryAfter = null) =>
        new(status, new ProblemBody(status, title, detail, field), "application/problem+json", retryAfter);

    public sealed record ProblemBody(int Status, string Title, string? Detail, string? Field)
    {
        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A member of the JSON body: System.Text.Json writes instance properties only.")]
        public string Type => "about:blank";
    }
}
