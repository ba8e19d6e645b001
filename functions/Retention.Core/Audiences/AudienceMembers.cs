namespace Retention.Core.Audiences;

/// <summary>
/// One audience on one night: everyone in it, who entered since the night before and who left. Members are in
/// customer-key order.
/// </summary>
public sealed record AudienceMembers(AudienceDefinition Audience, IReadOnlyList<AudienceMember> Members, IReadOnlyList<AudienceMember> Entered,
    IReadOnlyList<AudienceMember> Left)
{
    public int Treated => Members.Count(m => m.Arm == HoldoutArm.Treated);
    public int Control => Members.Count - Treated;
}
