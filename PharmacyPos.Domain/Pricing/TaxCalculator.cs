using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>
/// Sales tax at the counter.
/// <para>
/// Rule: tax is computed per line, on the line's amount after every discount (promotion,
/// the cashier's line discount and the line's share of a basket discount), at the branch's rate
/// for the line's tax class (<c>Branch.TaxRateFor</c>, captured when the item is scanned).
/// Each line's tax is rounded to the cent, half away from zero (0.005 becomes 0.01).
/// The sale's tax is the sum of the rounded line taxes, never the rate applied to the subtotal,
/// so every line on the receipt adds up to the total shown and a returned line gives back
/// exactly the tax it was charged.
/// </para>
/// </summary>
public static class TaxCalculator
{
    /// <summary>The tax on one line: <paramref name="lineAmount"/> times the rate, rounded to the cent half away from zero.</summary>
    public static Money LineTax(Money lineAmount, Percentage rate) => lineAmount.Percent(rate);

    /// <summary>The tax of a sale: the sum of its rounded line taxes.</summary>
    public static Money SaleTax(IEnumerable<Money> lineTaxes) =>
        lineTaxes.Aggregate(Money.Zero, (sum, tax) => sum + tax);
}
