using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Branches;

/// <summary>
/// The rules a branch enforces at the counter, set by an Admin. Federal limits are the
/// ceiling: a branch may be stricter (a state limit) but never looser.
/// </summary>
public sealed class BranchPolicy
{
    /// <summary>Combat Methamphetamine Epidemic Act: 3.6 g of base per purchaser per calendar day.</summary>
    public const decimal FederalDailyBaseGrams = 3.6m;
    /// <summary>Combat Methamphetamine Epidemic Act: 9 g of base per purchaser in any 30 days.</summary>
    public const decimal FederalThirtyDayBaseGrams = 9m;

    /// <summary>
    /// A seller that ships scheduled listed chemical products (mail order) may not sell one purchaser more than
    /// 7.5 g of base in any 30 days (21 CFR 1314.100(b); 21 U.S.C. 844(a) limits what a person may receive by carrier).
    /// </summary>
    public const decimal FederalMailOrderThirtyDayBaseGrams = 7.5m;

    public decimal ListedChemicalDailyGrams { get; private set; } = FederalDailyBaseGrams;
    public decimal ListedChemicalThirtyDayGrams { get; private set; } = FederalThirtyDayBaseGrams;
    /// <summary>The branch ships listed chemical products to purchasers (mail order): the 7.5 g 30-day limit applies.</summary>
    public bool ShipsListedChemicals { get; private set; }

    /// <summary>The 30-day limit the counter enforces: the branch's own, and never above 7.5 g where the branch ships.</summary>
    public decimal ListedChemicalThirtyDayGramsInForce =>
        ShipsListedChemicals ? Math.Min(ListedChemicalThirtyDayGrams, FederalMailOrderThirtyDayBaseGrams) : ListedChemicalThirtyDayGrams;

    public bool ScheduleVOtcSalesAllowed { get; private set; }
    /// <summary>Schedule V without prescription, per purchaser in 48 hours across the chain (21 CFR 1306.26(b)): mL containing opium.</summary>
    public decimal ScheduleVOtcOpiumMilliliters { get; private set; } = ScheduleVOtcLimits.FederalOpiumMilliliters;
    /// <summary>mL of any other Schedule V medicine.</summary>
    public decimal ScheduleVOtcOtherMilliliters { get; private set; } = ScheduleVOtcLimits.FederalOtherMilliliters;
    /// <summary>Dosage units containing opium.</summary>
    public int ScheduleVOtcOpiumDosageUnits { get; private set; } = ScheduleVOtcLimits.FederalOpiumDosageUnits;
    /// <summary>Dosage units of any other Schedule V medicine.</summary>
    public int ScheduleVOtcOtherDosageUnits { get; private set; } = ScheduleVOtcLimits.FederalOtherDosageUnits;

    /// <summary>The branch's Schedule V limits: the federal ones or stricter.</summary>
    public ScheduleVOtcLimits ScheduleVOtcLimits =>
        new(ScheduleVOtcOpiumMilliliters, ScheduleVOtcOtherMilliliters, ScheduleVOtcOpiumDosageUnits, ScheduleVOtcOtherDosageUnits);
    public bool AgeChecksEnabled { get; private set; } = true;
    public CounselingRule Counseling { get; private set; } = CounselingRule.Offer;
    /// <summary>Refunds above this amount need a manager's approval at the register.</summary>
    public decimal RefundApprovalThreshold { get; private set; } = 50m;

    public void SetListedChemicalLimits(decimal dailyGrams, decimal thirtyDayGrams)
    {
        if (dailyGrams <= 0 || thirtyDayGrams <= 0)
            throw new DomainException("Limits must be more than zero grams.");
        if (dailyGrams > FederalDailyBaseGrams || thirtyDayGrams > FederalThirtyDayBaseGrams)
            throw new DomainException($"A branch may be stricter than the federal limits ({FederalDailyBaseGrams} g a day, {FederalThirtyDayBaseGrams} g in 30 days), never looser.");
        if (dailyGrams > thirtyDayGrams)
            throw new DomainException("The daily limit cannot be larger than the 30-day limit.");
        ListedChemicalDailyGrams = dailyGrams;
        ListedChemicalThirtyDayGrams = thirtyDayGrams;
    }

    public void SetShipsListedChemicals(bool ships) => ShipsListedChemicals = ships;

    /// <summary>Turns Schedule V sales without prescription on or off, keeping the branch's limits.</summary>
    public void SetScheduleVOtc(bool allowed) => ScheduleVOtcSalesAllowed = allowed;

    /// <summary>
    /// Turns Schedule V sales without prescription on or off with the branch's limits; limits looser than
    /// 21 CFR 1306.26(b) are refused when <see cref="ScheduleVOtcLimits"/> is made, so they never reach here.
    /// </summary>
    public void SetScheduleVOtc(bool allowed, ScheduleVOtcLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ScheduleVOtcSalesAllowed = allowed;
        ScheduleVOtcOpiumMilliliters = limits.OpiumMilliliters;
        ScheduleVOtcOtherMilliliters = limits.OtherMilliliters;
        ScheduleVOtcOpiumDosageUnits = limits.OpiumDosageUnits;
        ScheduleVOtcOtherDosageUnits = limits.OtherDosageUnits;
    }

    public void SetAgeChecks(bool enabled) => AgeChecksEnabled = enabled;

    public void SetCounseling(CounselingRule rule) => Counseling = rule;

    public void SetRefundApprovalThreshold(decimal amount)
    {
        if (amount < 0 || Money.RoundToCent(amount) != amount)
            throw new DomainException("The refund approval threshold is an amount in dollars and cents, zero or more.");
        RefundApprovalThreshold = amount;
    }
}
