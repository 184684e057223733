namespace PharmacyPos.Domain.Compliance;

/// <summary>A Schedule V sale without prescription already recorded anywhere in the chain: when (UTC) and how many units.</summary>
public sealed record ScheduleVOtcPurchase(DateTimeOffset At, int Units);
