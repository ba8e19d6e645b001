namespace Retention.Core.Datasets;

/// <summary>
/// Each audience of the night (<c>docs/audiences.md</c>): its rule, its members in each arm, and who entered and left
/// since the night before.
/// </summary>
public static class AudiencesDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<Audiences.AudienceMembers>("audiences", "audience", "snapshotaudiences",
        night => night.Audiences.Audiences,
        c => c
            .Text("audience", r => r.Audience.Name)
            .Boolean("built_in", r => r.Audience.BuiltIn)
            .Text("rule", r => r.Audience.Rule)
            .Int("members", r => r.Members.Count)
            .Int("treated", r => r.Treated)
            .Int("control", r => r.Control)
            .Int("entered", r => r.Entered.Count)
            .Int("left", r => r.Left.Count),
        key: ["audience"]);
}
