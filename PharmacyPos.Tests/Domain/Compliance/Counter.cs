using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Compliance;

/// <summary>Branches, products and local times the compliance and prescription tests share.</summary>
internal static class Counter
{
    /// <summary>
    /// Pseudoephedrine HCl's base factor from the molecular weights (165.23 / 201.69 = 0.8192). It is the factor
    /// that reproduces DEA's equivalency table (Pharmacist's Manual, appendix G): 146 tablets of 30 mg are
    /// within 3.6 g and 147 are not; 366 within 9 g and 367 not.
    /// </summary>
    public const decimal PseudoephedrineHclFactor = 0.8192m;
    /// <summary>Ephedrine HCl has the same molecular weights as pseudoephedrine HCl (they are isomers).</summary>
    public const decimal EphedrineHclFactor = 0.8192m;

    public static Branch Chicago() => new("CHI01", "Chicago Loop", "100 W Madison St", "IL", "America/Chicago");
    public static Branch NewYork() => new("NYC01", "Union Square", "1 Union Sq", "NY", "America/New_York");
    public static Branch LosAngeles() => new("LAX01", "Westwood", "1 Westwood Blvd", "CA", "America/Los_Angeles");

    /// <summary>A box of 24 tablets of pseudoephedrine HCl 30 mg: 720 mg of salt, exactly 0.589824 g of base.</summary>
    public static Product Pseudoephedrine24() => Pseudoephedrine(30m, 24);

    public static Product Pseudoephedrine(decimal milligramsPerTablet, int tablets)
    {
        var product = new Product(Gtin.Parse("036000291452"), $"Pseudoephedrine HCl {milligramsPerTablet} mg, {tablets} tablets",
            "Cold and allergy", TaxClass.Standard, Money.Of(9.99m));
        product.ContainsListedChemical(new ListedChemicalContent(ListedChemical.Pseudoephedrine, "pseudoephedrine hydrochloride",
            milligramsPerTablet * tablets, PseudoephedrineHclFactor));
        return product;
    }

    public static Product CoughSyrupScheduleV()
    {
        var product = new Product(Gtin.Parse("4006381333931"), "Codeine and guaifenesin syrup 118 mL", "Cough", TaxClass.ReducedOtc, Money.Of(12.49m));
        product.Classify(DeaSchedule.V, rxOnly: false);
        product.DescribeScheduleV(ScheduleVContent.Liquid(118m));
        return product;
    }

    public static Product Nicotine18()
    {
        var product = new Product(Gtin.Parse("96385074"), "Nicotine gum 4 mg", "Smoking cessation", TaxClass.Standard, Money.Of(39.99m));
        product.RestrictAge(18);
        return product;
    }

    /// <summary>The instant (UTC) of a wall-clock time at a branch.</summary>
    public static DateTimeOffset Local(Branch branch, int year, int month, int day, int hour, int minute) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), branch.TimeZone), TimeSpan.Zero);
}
