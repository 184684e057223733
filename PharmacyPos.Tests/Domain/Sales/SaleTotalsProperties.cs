using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

/// <summary>Random baskets built through the sale's own methods: the figures always agree to the cent.</summary>
public class SaleTotalsProperties
{
    private static readonly string[] Categories = ["Cold & flu", "Vitamins", "First aid"];

    public sealed record LineSpec(int PriceCents, int Quantity, int Category, bool FsaHsa, bool Prescription, int DiscountKind, int DiscountParam);

    public sealed record BasketSpec(LineSpec[] Lines, int TaxThousandths, bool Loyalty, int BasketDiscountKind, int BasketDiscountParam, int RemoveIndex);

    private static readonly Gen<LineSpec> Lines =
        from price in Gen.Choose(0, 10_000)
        from quantity in Gen.OneOf(Gen.Choose(1, 5), Gen.Choose(1, SaleLine.MaxQuantity))
        from category in Gen.Choose(0, Categories.Length - 1)
        from fsa in Gen.Elements(true, false)
        from rx in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        from discountKind in Gen.Choose(0, 2)
        from discountParam in Gen.Choose(1, 1_000_000)
        select new LineSpec(price, quantity, category, fsa, rx, discountKind, discountParam);

    private static readonly Arbitrary<BasketSpec> Baskets =
        (from count in Gen.Choose(1, 8)
         from lines in Gen.ArrayOf(Lines, count)
         from tax in Gen.Choose(0, 12_500)
         from loyalty in Gen.Elements(true, false)
         from basketKind in Gen.Choose(0, 2)
         from basketParam in Gen.Choose(1, 1_000_000)
         from remove in Gen.Choose(-1, 7)
         select new BasketSpec(lines, tax, loyalty, basketKind, basketParam, remove)).ToArbitrary();

    private static readonly PricingEngine Promotions = new(
    [
        new CategoryPercentOff("15% off cold & flu", "Cold & flu", Percentage.Of(15m), Now.AddDays(-1), Now.AddDays(1)),
        BuyXGetY.OnCategory("Vitamins: buy 2 get 1 free", "Vitamins", 2, 1, Percentage.Of(100m), Now.AddDays(-1), Now.AddDays(1)),
        BuyXGetY.OnCategory("First aid: buy 1 get 1 half off", "First aid", 1, 1, Percentage.Of(50m), Now.AddDays(-1), Now.AddDays(1)),
    ]);

    private static Sale Build(BasketSpec spec)
    {
        var branch = Branch(standardRate: spec.TaxThousandths / 1000m);
        var sale = NewSale(branch, spec.Loyalty);
        foreach (var l in spec.Lines)
        {
            var product = Product("Item", l.PriceCents / 100m, Categories[l.Category], l.FsaHsa, l.Prescription);
            if (l.Prescription)
                sale.AddFill(product, branch);
            else
                sale.AddLine(product, l.Quantity, branch);
        }
        if (spec.RemoveIndex >= 0 && spec.RemoveIndex < spec.Lines.Length && spec.Lines.Length > 1)
            sale.RemoveLine(sale.Lines.Single(x => x.LineNumber == spec.RemoveIndex + 1).Id, "Not wanted");
        sale.ApplyPromotions(Promotions, Now);

        foreach (var (line, l) in sale.Lines.OrderBy(x => x.LineNumber).Zip(spec.Lines))
        {
            var cents = (long)(line.AfterPromotion.Amount * 100m);
            if (line.IsVoided || cents == 0)
                continue;
            if (l.DiscountKind == 1)
                sale.ApplyLineDiscount(line.Id, Discount.Amount((1 + l.DiscountParam % cents) / 100m, "Test"));
            else if (l.DiscountKind == 2)
                sale.ApplyLineDiscount(line.Id, Discount.Percent((1 + l.DiscountParam % 10_000) / 100m, "Test"));
        }

        var discountable = (long)(sale.ActiveLines.Where(x => !x.IsPrescription).Sum(x => x.AfterLineDiscount.Amount) * 100m);
        if (discountable > 0 && spec.BasketDiscountKind == 1)
            sale.ApplyBasketDiscount(Discount.Amount((1 + spec.BasketDiscountParam % discountable) / 100m, "Test"));
        else if (discountable > 0 && spec.BasketDiscountKind == 2)
            sale.ApplyBasketDiscount(Discount.Percent((1 + spec.BasketDiscountParam % 10_000) / 100m, "Test"));
        return sale;
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (s, m) => s + m);

    private static bool InCents(Money m) => decimal.Round(m.Amount, 2) == m.Amount;

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Total_is_subtotal_plus_tax_and_both_are_sums_of_the_lines() =>
        Prop.ForAll(Baskets, spec =>
        {
            var sale = Build(spec);
            var active = sale.ActiveLines.ToList();

            Assert.Equal(sale.Subtotal + sale.Tax, sale.Total);
            Assert.Equal(Sum(active.Select(l => l.Amount)), sale.Subtotal);
            Assert.Equal(Sum(active.Select(l => l.Tax)), sale.Tax);
            Assert.Equal(Sum(active.Where(l => l.FsaHsaEligible).Select(l => l.AmountWithTax)), sale.EligibleFsaHsaSubtotal);
            Assert.True(sale.EligibleFsaHsaSubtotal <= sale.Total);
            Assert.All(new[] { sale.Subtotal, sale.Tax, sale.Total }, m => Assert.True(InCents(m) && !m.IsNegative));
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Every_line_adds_up_from_its_price_through_its_discounts_to_its_tax() =>
        Prop.ForAll(Baskets, spec =>
        {
            var sale = Build(spec);
            foreach (var line in sale.ActiveLines)
            {
                Assert.Equal(line.Gross - line.PromotionDiscount - line.LineDiscountAmount - line.BasketDiscountShare, line.Amount);
                Assert.False(line.Amount.IsNegative);
                Assert.False(line.PromotionDiscount.IsNegative || line.LineDiscountAmount.IsNegative || line.BasketDiscountShare.IsNegative);
                Assert.Equal(TaxCalculator.LineTax(line.Amount, line.TaxRate), line.Tax);
                if (line.IsPrescription)
                    Assert.True(line.PromotionDiscount.IsZero && line.BasketDiscountShare.IsZero);
            }
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property The_basket_discount_shares_sum_exactly_to_the_basket_discount() =>
        Prop.ForAll(Baskets, spec =>
        {
            var sale = Build(spec);
            Assert.Equal(sale.BasketDiscountAmount, Sum(sale.ActiveLines.Select(l => l.BasketDiscountShare)));
            if (sale.BasketDiscount is { Kind: DiscountKind.Amount } discount)
                Assert.Equal(M(discount.Value), sale.BasketDiscountAmount);
        });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Paying_the_total_in_cash_completes_every_basket() =>
        Prop.ForAll(Baskets, spec =>
        {
            var sale = Build(spec);
            if (sale.Total > Money.Zero)
                sale.AddCashTender(sale.Total.Amount);
            sale.Complete(Now);
            Assert.Equal(sale.Total, sale.AmountPaid);
            Assert.Equal(Money.Zero, sale.ChangeDue);
        });
}
