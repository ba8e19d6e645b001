using System.Text.Json;

namespace Retention.Tests.Hostile;

/// <summary>What a route answered: the status, and for the pipeline's own refusals the problem document's field and detail.</summary>
public sealed record HostileAnswer(int Status, string? MediaType, string? Field, string? Detail, string Text)
{
    public bool IsServerError => Status >= 500;
    public bool IsProblem => MediaType == "application/problem+json" && Detail is { Length: > 0 };

    public static async Task<HostileAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        string? field = null, detail = null;
        if (mediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(text);
            field = problem.RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        return new HostileAnswer((int)response.StatusCode, mediaType, field, detail, text);
    }

    public override string ToString() => $"{Status} {Text}";
}
