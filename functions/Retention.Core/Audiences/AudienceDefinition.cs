namespace Retention.Core.Audiences;

/// <summary>
/// An audience: a name and the rule that says who is in it each night. The five built-in ones (<see cref="BuiltInAudiences"/>)
/// have rules in code, measured against the shop's own baseline; a shop's own is every one of its
/// <see cref="Conditions"/> at once (<c>retention audiences add</c>).
/// </summary>
/// <param name="Rule">the rule in words, as <c>audiences list</c> and the docs show it.</param>
public sealed record AudienceDefinition(string Name, string Rule, IReadOnlyList<AudienceCondition> Conditions,
    Func<AudienceCustomer, AudienceBaseline, bool>? BuiltInRule = null)
{
    public const int MaxNameLength = 40;
    public const int MaxConditions = 20;

    public bool BuiltIn => BuiltInRule is not null;

    /// <summary>The rule reads the first order's products, channel or country, which cost a pass over the ledger.</summary>
    public bool NeedsFirstOrder => Conditions.Any(c => c.Field.NeedsFirstOrder);

    public bool Matches(AudienceCustomer customer, AudienceBaseline baseline) =>
        BuiltInRule is { } rule ? rule(customer, baseline) : Conditions.All(c => c.Matches(customer));

    /// <summary>A shop's own audience from its name and conditions; the problem is one sentence.</summary>
    public static (AudienceDefinition? Audience, string? Problem) Custom(string name, IReadOnlyList<string> conditions)
    {
        if (NameProblem(name) is { } problem) return (null, problem);
        if (BuiltInAudiences.All.Any(a => a.Name == name)) return (null, $"'{name}' is a built-in audience: choose another name");
        if (conditions.Count == 0) return (null, "an audience needs at least one condition (--where field=value)");
        if (conditions.Count > MaxConditions) return (null, $"an audience has at most {MaxConditions} conditions");
        var parsed = new List<AudienceCondition>();
        foreach (var text in conditions)
        {
            var (condition, conditionProblem) = AudienceCondition.Parse(text);
            if (condition is null) return (null, conditionProblem);
            parsed.Add(condition);
        }
        return (new AudienceDefinition(name, string.Join(" and ", parsed), parsed), null);
    }

    /// <returns>null when <paramref name="name"/> can name an audience: lowercase letters, digits and hyphens, 1 to 40.</returns>
    public static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !char.IsAsciiLetterLower(name[0])
        || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? $"an audience name is 1 to {MaxNameLength} lowercase letters, digits and hyphens, starting with a letter"
            : null;
}
