namespace Retention.Core.Audiences.Uplift;

/// <summary>How far a row of <see cref="AudienceUplift"/> could be measured; its <see cref="AudienceUpliftRow.Verdict"/> says it in words.</summary>
public enum UpliftStatus
{
    /// <summary>The cohort's last member entered less than the window's days ago: nothing is measured yet.</summary>
    TooEarly,

    /// <summary>Measured, but an arm is too small (or too one-sided) for a 95 % interval to mean what it says: point estimates only.</summary>
    TooFew,

    /// <summary>Measured, with every interval.</summary>
    Measured,
}
