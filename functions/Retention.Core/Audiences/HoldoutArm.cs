namespace Retention.Core.Audiences;

/// <summary>Which arm of an audience's experiment a member is in: contacted (treated) or held out (control).</summary>
public enum HoldoutArm
{
    Treated,
    Control,
}
