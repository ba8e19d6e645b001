using System.Globalization;

namespace Retention.Core.Audiences;

/// <summary>
/// One condition of a shop's own audience, as written on the command line (<c>docs/audiences.md</c>, "Your own
/// audiences"): <c>field=value[,value…]</c> or <c>field!=value[,value…]</c> for text, <c>field&gt;=n</c>, <c>&gt;</c>,
/// <c>&lt;=</c>, <c>&lt;</c>, <c>=n</c> or a range <c>field=min..max</c> (either end may be left open) for numbers. A
/// customer without a value for the field (no forecast, say) matches no condition on it, <c>!=</c> included.
/// </summary>
public sealed record AudienceCondition(AudienceField Field, string Operator, IReadOnlyList<string> Values, double? Min, bool MinInclusive,
    double? Max, bool MaxInclusive)
{
    public const int MaxLength = 500;
    private static readonly string[] Operators = ["!=", ">=", "<=", "=", ">", "<"];

    public bool Matches(AudienceCustomer customer)
    {
        if (Field.IsNumber)
        {
            if (Field.Number!(customer) is not { } value) return false;
            return (Min is not { } min || (MinInclusive ? value >= min : value > min))
                && (Max is not { } max || (MaxInclusive ? value <= max : value < max));
        }
        var texts = Field.Texts!(customer);
        var any = false;
        foreach (var text in texts)
        {
            any = true;
            if (Values.Contains(text, StringComparer.OrdinalIgnoreCase)) return Operator == "=";
        }
        return any && Operator == "!=";
    }

    /// <summary>The condition as it is stored and listed: the same text parses to the same condition.</summary>
    public override string ToString()
    {
        if (!Field.IsNumber) return $"{Field.Name}{Operator}{string.Join(",", Values)}";
        if (Operator != "=") return $"{Field.Name}{Operator}{Number(Operator is ">=" or ">" ? Min : Max)}";
        return Min == Max ? $"{Field.Name}={Number(Min)}" : $"{Field.Name}={Number(Min)}..{Number(Max)}";
    }

    /// <summary>Reads one condition; the problem is one sentence naming what is wrong.</summary>
    public static (AudienceCondition? Condition, string? Problem) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "a condition is empty: write field=value, e.g. churn_risk=high");
        if (text.Length > MaxLength) return (null, $"a condition is longer than {MaxLength} characters");
        if (text.Any(char.IsControl)) return (null, "a condition holds a control character");
        var (at, op) = Operators.Select(o => (At: text.IndexOf(o, StringComparison.Ordinal), Op: o)).Where(x => x.At > 0)
            .OrderBy(x => x.At).ThenByDescending(x => x.Op.Length).FirstOrDefault();
        if (op is null) return (null, $"'{text}' has no operator: write field=value, field>=n or field=min..max");
        var name = text[..at].Trim().ToLowerInvariant();
        var value = text[(at + op.Length)..].Trim();
        if (AudienceField.Find(name) is not { } field)
            return (null, $"'{name}' is not a field an audience can filter on; the fields are {string.Join(", ", AudienceField.All.Select(f => f.Name))}");
        if (value.Length == 0) return (null, $"{name}{op} has no value");
        return field.IsNumber ? ParseNumber(field, op, value) : ParseText(field, op, value);
    }

    private static (AudienceCondition?, string?) ParseText(AudienceField field, string op, string value)
    {
        if (op is not ("=" or "!=")) return (null, $"{field.Name} is text: compare it with = or !=, not {op}");
        var values = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0) return (null, $"{field.Name}{op} has no value");
        return (new AudienceCondition(field, op, values, null, false, null, false), null);
    }

    private static (AudienceCondition?, string?) ParseNumber(AudienceField field, string op, string value)
    {
        if (op == "!=") return (null, $"{field.Name} is a number: compare it with =, >=, >, <=, < or a range min..max, not !=");
        if (op == "=" && value.Contains("..", StringComparison.Ordinal))
        {
            var ends = value.Split("..");
            if (ends.Length != 2) return (null, $"{field.Name}={value} is not a range: write min..max, min.. or ..max");
            double? min = null, max = null;
            if (ends[0].Trim().Length > 0 && (min = Number(ends[0])) is null) return (null, $"{field.Name}: '{ends[0].Trim()}' is not a number");
            if (ends[1].Trim().Length > 0 && (max = Number(ends[1])) is null) return (null, $"{field.Name}: '{ends[1].Trim()}' is not a number");
            if (min is null && max is null) return (null, $"{field.Name}=.. is open at both ends: give a minimum, a maximum or both");
            if (min > max) return (null, $"{field.Name}={value}: the minimum is above the maximum");
            return (new AudienceCondition(field, "=", [], min, true, max, true), null);
        }
        if (Number(value) is not { } n) return (null, $"{field.Name}: '{value}' is not a number");
        return op switch
        {
            ">=" => (new AudienceCondition(field, op, [], n, true, null, false), null),
            ">" => (new AudienceCondition(field, op, [], n, false, null, false), null),
            "<=" => (new AudienceCondition(field, op, [], null, false, n, true), null),
            "<" => (new AudienceCondition(field, op, [], null, false, n, false), null),
            _ => (new AudienceCondition(field, "=", [], n, true, n, true), null),
        };
    }

    private static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
