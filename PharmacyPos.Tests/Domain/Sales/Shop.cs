using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Sales;

/// <summary>A branch, its products and sales for the tests of the counter.</summary>
internal static class Shop
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 17, 30, 0, TimeSpan.Zero);
    public static readonly Guid Manager = Guid.Parse("0197a000-0000-7000-8000-00000000000a");
    private static int _nextGtin = 1000;

    public static Branch Branch(decimal standardRate = 8.25m, decimal prescriptionRate = 0m)
    {
        var branch = new Branch("PHX01", "Camelback", "100 E Camelback Rd", "AZ", "America/Phoenix");
        branch.SetTaxRate(TaxClass.Standard, Percentage.Of(standardRate));
        branch.SetTaxRate(TaxClass.Prescription, Percentage.Of(prescriptionRate));
        return branch;
    }

    public static Product Product(string name, decimal price, string category = "Pain relief", bool fsaHsa = false, bool rx = false)
    {
        var gtin = Gtin.FromBody(Interlocked.Increment(ref _nextGtin).ToString("D11", System.Globalization.CultureInfo.InvariantCulture));
        var product = new Product(gtin, name, category, TaxClass.Standard, Money.Exact(price));
        product.MarkFsaHsaEligible(fsaHsa);
        if (rx)
            product.Classify(DeaSchedule.None, rxOnly: true);
        return product;
    }

    /// <summary>A prescription handed over from its fill, at a copay of its list price.</summary>
    public static SaleLine AddFill(this Sale sale, Product product, Branch branch) =>
        sale.AddPrescriptionLine(product, Guid.CreateVersion7(), product.Price, branch);

    public static Sale NewSale(Branch branch, bool loyaltyMember = false) =>
        new(Guid.CreateVersion7(), "S2025031400001", branch.Id, "R1", Guid.CreateVersion7(), Now, null, loyaltyMember);

    /// <summary>Prices the basket as the register does after every change.</summary>
    public static Sale Priced(this Sale sale, PricingEngine? pricing = null)
    {
        sale.ApplyPromotions(pricing ?? PricingEngine.WithoutPromotions, Now);
        return sale;
    }

    public static Money M(decimal amount) => Money.Exact(amount);
}
