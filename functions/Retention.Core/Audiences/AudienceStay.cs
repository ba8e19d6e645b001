namespace Retention.Core.Audiences;

/// <summary>
/// One stay of a customer in an audience: the night they entered and, once they are out, the night they were first
/// found out. The stays of a shop are its audiences' memory (<c>docs/audiences.md</c>, "What is kept"): the members of
/// the night before (the open stays) for tonight's entered and left, and every entry ever for the measured uplift.
/// </summary>
public sealed record AudienceStay(string Audience, string CustomerKey, DateOnly EnteredOn, DateOnly? LeftOn)
{
    public bool IsOpen => LeftOn is null;
}
