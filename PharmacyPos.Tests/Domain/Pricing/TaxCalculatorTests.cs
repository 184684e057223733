using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Pricing;

public class TaxCalculatorTests
{
    [Theory]
    [InlineData(10.00, 8.25, 0.83)]   // 0.825: half a cent goes up
    [InlineData(1.99, 8.6, 0.17)]     // 0.17114
    [InlineData(0.06, 8.25, 0.00)]    // 0.00495
    [InlineData(100.00, 8.875, 8.88)] // 8.875
    [InlineData(0.00, 8.25, 0.00)]
    [InlineData(45.00, 0, 0.00)]      // a prescription at a branch that exempts them
    public void Line_tax_is_rounded_to_the_cent_half_away_from_zero(decimal amount, decimal rate, decimal expected) =>
        Assert.Equal(M(expected), TaxCalculator.LineTax(M(amount), Percentage.Of(rate)));

    [Fact]
    public void Sale_tax_is_the_sum_of_rounded_line_taxes_not_the_rate_on_the_subtotal()
    {
        var branch = Branch(standardRate: 5m);
        var sale = NewSale(branch);
        for (var i = 0; i < 3; i++)
            sale.AddLine(Product($"Nail file {i}", 0.10m), 1, branch);

        // Each line: 0.10 x 5% = 0.005, rounded to 0.01. The subtotal taxed at once would give 0.015, rounded to 0.02.
        Assert.Equal(M(0.30m), sale.Subtotal);
        Assert.Equal(M(0.03m), sale.Tax);
        Assert.Equal(M(0.33m), sale.Total);
    }

    [Fact]
    public void Each_line_is_taxed_at_its_tax_class_rate_at_the_branch()
    {
        var branch = Branch(standardRate: 8.25m, prescriptionRate: 0m);
        var sale = NewSale(branch);
        var otc = sale.AddLine(Product("Ibuprofen 100ct", 8m), 1, branch);
        var rx = sale.AddFill(Product("Lisinopril 10mg", 15m, "Prescription", rx: true), branch);

        Assert.Equal(M(0.66m), otc.Tax);
        Assert.Equal(Money.Zero, rx.Tax);
        Assert.Equal(M(23.66m), sale.Total);
    }
}
