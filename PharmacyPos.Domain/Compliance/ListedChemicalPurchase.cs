using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// A purchase already in the logbook anywhere in the chain, as the limits need it: which chemical,
/// when (UTC), how many grams of base, and the time zone of the branch that sold it.
/// </summary>
public sealed record ListedChemicalPurchase(ListedChemical Chemical, DateTimeOffset At, decimal BaseGrams, string BranchTimeZoneId);
