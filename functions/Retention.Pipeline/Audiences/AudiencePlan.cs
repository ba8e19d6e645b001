using Retention.Core.Audiences;
using Retention.Core.Ledger;

namespace Retention.Pipeline.Audiences;

/// <summary>A shop's audiences for a night as read before its ledger: their definitions, the stays of the night before, the holdout.</summary>
public sealed record AudiencePlan(IReadOnlyList<AudienceDefinition> Definitions, IReadOnlyList<AudienceStay> Before, HoldoutAssignment Holdout)
{
    /// <summary>What the audiences read of the ledger (<see cref="AudienceLedgerFacts"/>).</summary>
    public AudienceLedgerFacts ReadLedger(OrderLedger ledger, DateOnly asOf) => AudienceLedgerFacts.Of(ledger, asOf, Definitions, Before);
}
