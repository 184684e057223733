using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Domain.Compliance;

/// <summary>The listed-chemical limits applied to one proposed sale, with the figures the cashier and the audit see.</summary>
/// <param name="Day">The branch's local date of the sale: the calendar day the daily limit counts.</param>
/// <param name="WindowStart">First day of the 30-day window: the sale's day and the 29 calendar days before it.</param>
/// <param name="PriorGramsToday">Grams of base already bought on <paramref name="Day"/>, anywhere in the chain.</param>
/// <param name="PriorGramsInWindow">Grams of base already bought from <paramref name="WindowStart"/> to <paramref name="Day"/>.</param>
public sealed record ListedChemicalLimitResult(
    ComplianceDecision Decision,
    ListedChemical Chemical,
    DateOnly Day,
    DateOnly WindowStart,
    decimal ProposedGrams,
    decimal PriorGramsToday,
    decimal PriorGramsInWindow,
    decimal DailyLimitGrams,
    decimal ThirtyDayLimitGrams)
{
    public decimal GramsTodayWithSale => PriorGramsToday + ProposedGrams;
    public decimal GramsInWindowWithSale => PriorGramsInWindow + ProposedGrams;

    /// <summary>Most grams of base the purchaser may still buy now, under both limits.</summary>
    public decimal GramsStillAllowed =>
        Math.Max(0m, Math.Min(DailyLimitGrams - PriorGramsToday, ThirtyDayLimitGrams - PriorGramsInWindow));
}
