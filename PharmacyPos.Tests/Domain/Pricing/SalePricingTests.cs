using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Pricing;

/// <summary>How promotions, the cashier's discounts, overrides and tax combine on a sale.</summary>
public class SalePricingTests
{
    private static readonly DateTimeOffset From = Now.AddDays(-7);
    private static readonly DateTimeOffset To = Now.AddDays(7);
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch();

    private static PricingEngine TwentyOffColdAndFlu() =>
        new([new CategoryPercentOff("20% off cold & flu", "Cold & flu", Percentage.Of(20m), From, To)]);

    [Fact]
    public void The_cashiers_line_discount_comes_after_the_promotion()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Cough syrup", 10m, "Cold & flu"), 1, _branch);
        sale.ApplyPromotions(TwentyOffColdAndFlu(), Now);

        sale.ApplyLineDiscount(line.Id, Discount.Percent(10m, "Price match"));

        Assert.Equal(M(2m), line.PromotionDiscount);
        Assert.Equal("20% off cold & flu", line.PromotionName);
        Assert.Equal(M(0.80m), line.LineDiscountAmount);
        Assert.Equal(M(7.20m), line.Amount);
        Assert.Equal(M(0.59m), line.Tax); // 7.20 x 8.25% = 0.594
        Assert.Equal(M(2.80m), sale.DiscountTotal);
    }

    [Fact]
    public void A_line_discount_cannot_be_larger_than_what_the_promotion_left()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Cough syrup", 10m, "Cold & flu"), 1, _branch);
        sale.ApplyPromotions(TwentyOffColdAndFlu(), Now);

        var error = Assert.Throws<DomainException>(() => sale.ApplyLineDiscount(line.Id, Discount.Amount(8.01m, "Price match")));

        Assert.Equal("A discount cannot be larger than the price.", error.Message);
        sale.ApplyLineDiscount(line.Id, Discount.Amount(8m, "Price match"));
        Assert.Equal(Money.Zero, line.Amount);
    }

    [Fact]
    public void A_price_override_replaces_the_list_price_and_ends_the_promotion_on_that_line()
    {
        var sale = NewSale(_branch);
        var overridden = sale.AddLine(Product("Cough syrup", 10m, "Cold & flu"), 1, _branch);
        var other = sale.AddLine(Product("Throat spray", 5m, "Cold & flu"), 1, _branch);
        sale.ApplyPromotions(TwentyOffColdAndFlu(), Now);

        sale.OverridePrice(overridden.Id, 9m, "Shelf tag says $9.00", Manager);
        sale.ApplyPromotions(TwentyOffColdAndFlu(), Now);

        Assert.Equal(Money.Zero, overridden.PromotionDiscount);
        Assert.Null(overridden.PromotionName);
        Assert.Equal(M(9m), overridden.Amount);
        Assert.Equal(M(1m), other.PromotionDiscount);
        Assert.Equal(M(13m), sale.Subtotal);
    }

    [Fact]
    public void A_prescription_fill_is_never_discounted_by_a_promotion()
    {
        var sale = NewSale(_branch);
        var rx = sale.AddFill(Product("Oseltamivir 75mg", 45m, "Cold & flu", rx: true), _branch);
        sale.ApplyPromotions(TwentyOffColdAndFlu(), Now);

        Assert.Equal(Money.Zero, rx.PromotionDiscount);
        Assert.Equal(M(45m), sale.Total); // prescriptions are taxed at the branch's 0%
    }

    [Fact]
    public void A_basket_change_clears_promotions_until_the_basket_is_priced_again()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Vitamin D", 6m, "Vitamins"), 1, _branch);
        var bogo = new PricingEngine([BuyXGetY.OnCategory("Vitamins BOGO", "Vitamins", 1, 1, Percentage.Of(100m), From, To)]);
        sale.ChangeQuantity(line.Id, 2);
        sale.ApplyPromotions(bogo, Now);
        Assert.Equal(M(6m), line.PromotionDiscount);

        sale.ChangeQuantity(line.Id, 1);

        Assert.False(sale.PromotionsUpToDate);
        Assert.Equal(Money.Zero, line.PromotionDiscount);
        Assert.Equal(M(6m), sale.Subtotal);
        sale.ApplyPromotions(bogo, Now);
        Assert.True(sale.PromotionsUpToDate);
        Assert.Equal(Money.Zero, line.PromotionDiscount);
    }

    [Fact]
    public void A_loyalty_card_shown_during_the_sale_brings_member_prices_at_the_next_pricing()
    {
        var sale = NewSale(_branch);
        var product = Product("Allergy 24ct", 12.99m, "Allergy");
        var line = sale.AddLine(product, 1, _branch);
        var engine = new PricingEngine([new MemberPrice("Member price", product.Id, M(9.99m), From, To)]);
        sale.ApplyPromotions(engine, Now);
        Assert.Equal(M(12.99m), line.Amount);

        var customer = Guid.CreateVersion7();
        sale.IdentifyCustomer(customer, loyaltyMember: true);
        sale.ApplyPromotions(engine, Now);

        Assert.Equal(customer, sale.CustomerId);
        Assert.Equal(M(9.99m), line.Amount);
    }

    [Fact]
    public void Promotions_are_priced_at_the_instant_given()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Cough syrup", 10m, "Cold & flu"), 1, _branch);
        sale.ApplyPromotions(TwentyOffColdAndFlu(), To);
        Assert.Equal(Money.Zero, line.PromotionDiscount);
    }
}
