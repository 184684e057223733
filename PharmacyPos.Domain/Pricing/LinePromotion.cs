using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>The one promotion a line keeps: the amount it takes off the whole line and the rule that gave it.</summary>
public sealed record LinePromotion(Guid LineId, Money Discount, Guid RuleId, string RuleName);
