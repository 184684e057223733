namespace PharmacyPos.Domain.Compliance;

/// <summary>The Schedule V rules applied to one proposed sale without prescription.</summary>
/// <param name="PriorUnits">Units the purchaser bought in the 48 hours before the sale, anywhere in the chain.</param>
/// <param name="NextPurchaseAllowedAt">When the units limit refused the sale: the earliest instant (UTC) the same sale would fit, if it ever can.</param>
public sealed record ScheduleVOtcLimitResult(
    ComplianceDecision Decision,
    int PriorUnits,
    int ProposedUnits,
    int LimitUnits,
    DateTimeOffset? NextPurchaseAllowedAt);
