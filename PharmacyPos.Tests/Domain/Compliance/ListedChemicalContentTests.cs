using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Compliance;

public class ListedChemicalContentTests
{
    [Theory]
    [InlineData(ListedChemical.Pseudoephedrine, "pseudoephedrine hydrochloride", "0.81924")]
    [InlineData(ListedChemical.Pseudoephedrine, "HCl", "0.81924")]
    [InlineData(ListedChemical.Pseudoephedrine, "sulfate", "0.77115")]
    [InlineData(ListedChemical.Ephedrine, "hydrochloride", "0.81924")]
    [InlineData(ListedChemical.Ephedrine, "Sulphate", "0.77115")]
    [InlineData(ListedChemical.Phenylpropanolamine, "hydrochloride", "0.80573")]
    public void Known_salts_carry_their_base_factor(ListedChemical chemical, string salt, string factor) =>
        Assert.Equal(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture),
            new ListedChemicalContent(chemical, salt, 30m).BaseFactor);

    [Fact]
    public void An_unknown_salt_needs_its_factor_typed() =>
        Assert.Throws<DomainException>(() => new ListedChemicalContent(ListedChemical.Pseudoephedrine, "tannate", 30m));

    [Fact]
    public void Base_is_strength_times_count_times_factor_never_rounded()
    {
        var content = ListedChemicalContent.PerUnit(ListedChemical.Pseudoephedrine, "sulfate", 30m, 1);
        Assert.Equal(23.1345m, content.BaseMilligramsPerPackage);
        Assert.Equal(0.0231345m, content.BaseGramsPerPackage);
        Assert.Equal(3.608982m, content.BaseGrams(156));
    }

    [Fact]
    public void A_package_holds_at_least_one_unit_of_some_milligrams()
    {
        Assert.Throws<DomainException>(() => ListedChemicalContent.PerUnit(ListedChemical.Pseudoephedrine, "HCl", 30m, 0));
        Assert.Throws<DomainException>(() => ListedChemicalContent.PerUnit(ListedChemical.Pseudoephedrine, "HCl", 0m, 10));
        Assert.Throws<DomainException>(() => ListedChemicalContent.PerUnit(ListedChemical.Pseudoephedrine, "HCl", 30m, 1).BaseGrams(0));
    }
}
