namespace PharmacyPos.Domain.Compliance;

/// <summary>What a counter rule says about a sale line.</summary>
public enum ComplianceOutcome
{
    Allowed,
    Refused,
    /// <summary>The sale may go ahead once a person in the named role approves it.</summary>
    NeedsApproval,
}
