using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Compliance;

/// <summary>21 CFR 1314.30(a)(1): a single sales package of not more than 60 mg of pseudoephedrine needs no logbook entry.</summary>
public class SinglePackageExemptionTests
{
    private static Product Pack(ListedChemical chemical, string salt, decimal milligrams, int tablets)
    {
        var product = new Product(Gtin.Parse("036000291452"), $"{chemical} {milligrams} mg x {tablets}", "Cold and allergy", TaxClass.Standard, Money.Of(1.99m));
        product.ContainsListedChemical(ListedChemicalContent.PerUnit(chemical, salt, milligrams, tablets));
        return product;
    }

    private static Product Plain() => new(Gtin.Parse("96385074"), "Tissues", "Household", TaxClass.Standard, Money.Of(1m));

    [Theory]
    [InlineData("hydrochloride", 60, 1, true)]
    [InlineData("hydrochloride", 30, 2, true)]
    [InlineData("sulfate", 60, 1, true)]
    [InlineData("hydrochloride", 30, 3, false)]
    [InlineData("hydrochloride", 120, 1, false)]
    [InlineData("hydrochloride", 60.001, 1, false)]
    public void One_package_of_pseudoephedrine_is_exempt_up_to_60_mg(string salt, decimal milligrams, int tablets, bool exempt) =>
        Assert.Equal(exempt, SinglePackageExemption.Applies([(Pack(ListedChemical.Pseudoephedrine, salt, milligrams, tablets), 1)]));

    [Fact]
    public void Two_exempt_packages_are_logged() =>
        Assert.False(SinglePackageExemption.Applies([(Pack(ListedChemical.Pseudoephedrine, "hydrochloride", 30, 2), 2)]));

    [Fact]
    public void Two_lines_of_one_package_each_are_logged()
    {
        var pack = Pack(ListedChemical.Pseudoephedrine, "hydrochloride", 30, 2);
        Assert.False(SinglePackageExemption.Applies([(pack, 1), (pack, 1)]));
    }

    [Fact]
    public void Ephedrine_and_phenylpropanolamine_have_no_exemption()
    {
        Assert.False(SinglePackageExemption.Applies([(Pack(ListedChemical.Ephedrine, "hydrochloride", 25, 1), 1)]));
        Assert.False(SinglePackageExemption.Applies([(Pack(ListedChemical.Phenylpropanolamine, "hydrochloride", 25, 1), 1)]));
    }

    [Fact]
    public void An_exempt_package_with_another_listed_product_is_logged() =>
        Assert.False(SinglePackageExemption.Applies([
            (Pack(ListedChemical.Pseudoephedrine, "hydrochloride", 60, 1), 1),
            (Pack(ListedChemical.Ephedrine, "hydrochloride", 25, 1), 1)]));

    [Fact]
    public void Other_goods_on_the_sale_do_not_matter() =>
        Assert.True(SinglePackageExemption.Applies([(Pack(ListedChemical.Pseudoephedrine, "hydrochloride", 60, 1), 1), (Plain(), 3)]));

    [Fact]
    public void The_quantity_limits_still_apply_to_an_exempt_package()
    {
        var branch = new Branch("CHI01", "Chicago Loop", "100 W Madison St", "IL", "America/Chicago");
        var at = new DateTimeOffset(2028, 3, 1, 18, 0, 0, TimeSpan.Zero);
        var pack = Pack(ListedChemical.Pseudoephedrine, "hydrochloride", 60, 1);
        var prior = new ListedChemicalPurchase(ListedChemical.Pseudoephedrine, at.AddHours(-1), 3.56m, branch.TimeZoneId);
        Assert.True(SinglePackageExemption.Applies([(pack, 1)]));
        Assert.True(ListedChemicalLimit.Check(pack, 1, at, branch, [prior]).Decision.IsRefused);
    }
}
