using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Domain.Compliance;

/// <summary>The Schedule V rules applied to one proposed sale without prescription.</summary>
/// <param name="Proposed">What the sale sells of the product, in mL or dosage units; null when the catalog does not say.</param>
/// <param name="Prior">What the purchaser bought of the same kind (opium-containing or not, liquid or solid) in the 48 hours before, anywhere in the chain.</param>
/// <param name="Limit">The limit for that kind.</param>
/// <param name="NextPurchaseAllowedAt">When the limit refused the sale: the earliest instant (UTC) the same sale would fit, if it ever can.</param>
public sealed record ScheduleVOtcLimitResult(
    ComplianceDecision Decision,
    ScheduleVAmount? Proposed,
    decimal Prior,
    decimal Limit,
    DateTimeOffset? NextPurchaseAllowedAt);
