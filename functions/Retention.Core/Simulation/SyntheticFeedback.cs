using System.Globalization;
using System.Text.Json;

namespace Retention.Core.Simulation;

/// <summary>
/// Deterministic survey answers for a generated shop: about one customer in five answers an NPS survey after a
/// purchase, one in ten a CSAT survey, and unhappy ones often name a reason for leaving. Scores lean positive, as
/// real shop surveys do. Customers are referred to as the history generator names them.
/// </summary>
public static class SyntheticFeedback
{
    private static readonly string[] Reasons = ["price", "quality", "delivery", "service", "assortment", "other"];

    public static IReadOnlyList<SyntheticDelivery> Generate(SyntheticShopOptions options)
    {
        var random = new Random(options.Seed ^ 0x5eed);
        var days = options.To.DayNumber - options.From.DayNumber + 1;
        var deliveries = new List<SyntheticDelivery>();
        for (var c = 0; c < options.Customers; c++)
        {
            var roll = random.NextDouble();
            if (roll >= 0.3) continue;
            var nps = roll < 0.2;
            var score = nps ? Math.Clamp((int)Math.Round(10 - Math.Abs(Normal(random)) * 3), 0, 10) : Csat(random.NextDouble());
            var unhappy = nps ? score <= 6 : score <= 3;
            var at = options.From.ToDateTime(TimeOnly.MinValue).AddDays(random.NextDouble() * days);
            var answerId = $"ans-{c:D6}";
            deliveries.Add(new SyntheticDelivery($"fb_{answerId}", answerId, Body(answerId, nps ? "nps-ongoing" : "csat-ongoing", $"cust-{c:D6}",
                nps ? "nps" : "csat", score, unhappy && random.NextDouble() < 0.7 ? Reasons[random.Next(Reasons.Length)] : null,
                new DateTimeOffset(at, TimeSpan.Zero))));
        }
        return deliveries;
    }

    /// <summary>1–5 with the skew of real satisfaction surveys: 5 %, 10 %, 15 %, 35 %, 35 %.</summary>
    private static int Csat(double u) => u switch { < 0.05 => 1, < 0.15 => 2, < 0.30 => 3, < 0.65 => 4, _ => 5 };

    private static byte[] Body(string answerId, string surveyId, string customerId, string kind, int score, string? reason, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("answer_id", answerId);
            json.WriteString("survey_id", surveyId);
            json.WriteStartObject("customer");
            json.WriteString("id", customerId);
            json.WriteEndObject();
            json.WriteString("kind", kind);
            json.WriteNumber("score", score);
            if (reason is not null) json.WriteString("reason", reason);
            json.WriteString("submitted_at", at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
