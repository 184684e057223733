using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Catalog;

/// <summary>
/// How much of a listed chemical one package holds. Labels state the salt (for example pseudoephedrine HCl
/// 30 mg x 24); the legal limits count the base, so the salt's base factor is stored with it
/// (<see cref="ListedChemicalSalt"/>). Base amounts are exact: strength x count x factor, never rounded,
/// so many small packages add up to exactly what they hold; only what is shown is rounded.
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

    /// <summary>A known salt (hydrochloride, sulfate) with its published base factor.</summary>
    public ListedChemicalContent(ListedChemical chemical, string salt, decimal saltMilligramsPerPackage)
        : this(chemical, salt, saltMilligramsPerPackage,
            ListedChemicalSalt.BaseFactor(chemical, salt)
            ?? throw new DomainException($"Enter the base factor of {chemical.ToString().ToLowerInvariant()} {salt?.Trim()}."))
    {
    }

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

    /// <summary>A package of <paramref name="units"/> tablets (or doses) of <paramref name="milligramsPerUnit"/> of the salt each.</summary>
    public static ListedChemicalContent PerUnit(ListedChemical chemical, string salt, decimal milligramsPerUnit, int units, decimal? baseFactor = null)
    {
        if (milligramsPerUnit <= 0 || units < 1)
            throw new DomainException("A package holds at least one unit of more than zero milligrams.");
        return baseFactor is { } factor
            ? new ListedChemicalContent(chemical, salt, milligramsPerUnit * units, factor)
            : new ListedChemicalContent(chemical, salt, milligramsPerUnit * units);
    }

    /// <summary>Milligrams of base in one package, exactly.</summary>
    public decimal BaseMilligramsPerPackage => SaltMilligramsPerPackage * BaseFactor;

    /// <summary>Grams of base in one package, exactly; the logbook and the limits use this unrounded.</summary>
    public decimal BaseGramsPerPackage => BaseMilligramsPerPackage / 1000m;

    /// <summary>Grams of base in <paramref name="packages"/> packages, exactly.</summary>
    public decimal BaseGrams(int packages)
    {
        if (packages < 1)
            throw new DomainException("Sell at least one package.");
        return BaseMilligramsPerPackage * packages / 1000m;
    }
}
