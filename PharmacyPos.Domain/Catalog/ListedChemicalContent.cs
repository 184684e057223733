using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Catalog;

/// <summary>
/// How much of a listed chemical one package holds. Labels state the salt
/// (for example pseudoephedrine hydrochloride 30 mg x 24); the legal limits count the base,
/// so the salt's base factor is stored with it: the ratio of molecular weights, which reproduces
/// DEA's published equivalence table (146 tablets of pseudoephedrine HCl 30 mg = 3.6 g of base):
/// pseudoephedrine HCl ≈ 0.8192, pseudoephedrine sulfate ≈ 0.7711, ephedrine HCl ≈ 0.8192,
/// ephedrine sulfate ≈ 0.7711, phenylpropanolamine HCl ≈ 0.8057.
/// </summary>
public sealed record ListedChemicalContent
{
    public ListedChemical Chemical { get; init; }
    public string Salt { get; init; } = "";
    /// <summary>Milligrams of the salt in one sealed package.</summary>
    public decimal SaltMilligramsPerPackage { get; init; }
    /// <summary>Fraction of the salt's weight that is base, between 0 and 1.</summary>
    public decimal BaseFactor { get; init; }

    private ListedChemicalContent() { }

    public ListedChemicalContent(ListedChemical chemical, string salt, decimal saltMilligramsPerPackage, decimal baseFactor)
    {
        if (saltMilligramsPerPackage <= 0)
            throw new DomainException("The salt content of a package must be more than zero milligrams.");
        if (baseFactor <= 0 || baseFactor > 1)
            throw new DomainException("The base factor is a fraction between 0 and 1.");
        Chemical = chemical;
        Salt = salt.Trim();
        SaltMilligramsPerPackage = saltMilligramsPerPackage;
        BaseFactor = baseFactor;
    }

    /// <summary>Grams of base in one package; the logbook and the limits use this, to the milligram.</summary>
    public decimal BaseGramsPerPackage => decimal.Round(SaltMilligramsPerPackage * BaseFactor / 1000m, 3, MidpointRounding.AwayFromZero);
}
