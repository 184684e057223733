using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Domain.Compliance;

/// <summary>A Schedule V sale without prescription already recorded anywhere in the chain: when (UTC) and how much, as 21 CFR 1306.26(b) counts it.</summary>
public sealed record ScheduleVOtcPurchase(DateTimeOffset At, ScheduleVAmount Amount);
