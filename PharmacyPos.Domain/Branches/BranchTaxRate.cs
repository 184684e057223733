using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Branches;

/// <summary>The sales tax rate a branch charges for one tax class.</summary>
public sealed record BranchTaxRate(TaxClass TaxClass, Percentage Rate);
