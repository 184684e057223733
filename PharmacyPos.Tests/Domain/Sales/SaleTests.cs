using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

public class SaleTests
{
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch();

    [Fact]
    public void Keeps_the_id_made_at_the_register_so_a_retry_is_the_same_sale()
    {
        var id = Guid.CreateVersion7();
        var sale = new Sale(id, "S2025031400007", _branch.Id, "R2", Guid.CreateVersion7(), Now);

        Assert.Equal(id, sale.Id);
        Assert.Equal("S2025031400007", sale.SaleNumber);
        Assert.Equal(SaleStatus.Open, sale.Status);
        Assert.Equal(Money.Zero, sale.Total);
    }

    [Theory]
    [InlineData("", "R1", "sale number")]
    [InlineData("S2025031400001", " ", "register")]
    public void Refuses_a_sale_without_number_or_register(string number, string register, string expected)
    {
        var error = Assert.Throws<DomainException>(() => new Sale(Guid.CreateVersion7(), number, _branch.Id, register, Guid.CreateVersion7(), Now));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_the_product_as_it_was_when_scanned()
    {
        var product = Product("Allergy Relief 24ct", 12.49m, "Allergy", fsaHsa: true);
        product.Classify(DeaSchedule.V, rxOnly: false);
        var lot = Guid.CreateVersion7();
        var sale = NewSale(_branch);

        var line = sale.AddLine(product, 2, _branch, lot);
        product.ChangePrice(M(15.99m));
        product.Rename("Allergy Relief 30ct");

        Assert.Equal("Allergy Relief 24ct", line.Name);
        Assert.Equal(M(12.49m), line.UnitPrice);
        Assert.Equal(product.Gtin, line.Gtin);
        Assert.Equal(product.Id, line.ProductId);
        Assert.Equal(lot, line.LotId);
        Assert.True(line.FsaHsaEligible);
        Assert.False(line.IsPrescription);
        Assert.Equal(DeaSchedule.V, line.Schedule);
        Assert.Equal(8.25m, line.TaxRate.Value);
        Assert.Equal(1, line.LineNumber);
    }

    [Theory]
    [InlineData(0, "at least one unit")]
    [InlineData(-1, "cannot be negative")]
    [InlineData(1000, "at most 999")]
    [InlineData(int.MaxValue, "at most 999")]
    public void Refuses_absurd_quantities_when_scanning(int quantity, string expected)
    {
        var sale = NewSale(_branch);
        var error = Assert.Throws<DomainException>(() => sale.AddLine(Product("Gauze", 4m), quantity, _branch));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(sale.Lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    public void Accepts_quantities_from_one_to_999(int quantity)
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Cotton swabs", 1.00m), quantity, _branch);
        Assert.Equal(M(quantity), line.Amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Refuses_changing_to_an_absurd_quantity_and_keeps_the_old_one(int quantity)
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 3, _branch);

        Assert.Throws<DomainException>(() => sale.ChangeQuantity(line.Id, quantity));
        Assert.Equal(3, line.Quantity);
        Assert.Equal(M(12m), sale.Subtotal);
    }

    [Fact]
    public void Changing_the_quantity_reprices_the_line()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        sale.ChangeQuantity(line.Id, 5);
        Assert.Equal(M(20m), sale.Subtotal);
        Assert.Equal(M(1.65m), sale.Tax);
        Assert.Equal(M(21.65m), sale.Total);
    }

    [Fact]
    public void A_removed_line_stays_on_record_with_its_reason_and_counts_for_nothing()
    {
        var sale = NewSale(_branch);
        var kept = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        var removed = sale.AddLine(Product("Vitamin C", 9.99m), 1, _branch);

        sale.RemoveLine(removed.Id, "Customer changed their mind");

        Assert.Equal(2, sale.Lines.Count);
        Assert.True(removed.IsVoided);
        Assert.Equal("Customer changed their mind", removed.VoidReason);
        Assert.Equal([kept], sale.ActiveLines);
        Assert.Equal(M(4m), sale.Subtotal);
        Assert.Throws<DomainException>(() => sale.ChangeQuantity(removed.Id, 2));
    }

    [Fact]
    public void Removing_a_line_needs_a_reason()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        Assert.Throws<DomainException>(() => sale.RemoveLine(line.Id, "  "));
        Assert.False(line.IsVoided);
    }

    [Fact]
    public void Refuses_an_item_priced_at_another_branch_or_no_longer_sold()
    {
        var sale = NewSale(_branch);
        Assert.Throws<DomainException>(() => sale.AddLine(Product("Gauze", 4m), 1, Branch()));

        var discontinued = Product("Old lozenges", 2m);
        discontinued.Deactivate();
        var error = Assert.Throws<DomainException>(() => sale.AddLine(discontinued, 1, _branch));
        Assert.Equal("Old lozenges is no longer sold.", error.Message);
    }

    [Theory]
    [InlineData(10.01)]
    [InlineData(25)]
    public void Refuses_a_line_discount_larger_than_the_price(decimal amount)
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Thermometer", 10m), 1, _branch);

        var error = Assert.Throws<DomainException>(() => sale.ApplyLineDiscount(line.Id, Discount.Amount(amount, "Price match")));

        Assert.Equal("A discount cannot be larger than the price.", error.Message);
        Assert.Null(line.Discount);
        Assert.Equal(M(10m), sale.Subtotal);
    }

    [Fact]
    public void Refuses_a_percentage_discount_above_100()
    {
        var error = Assert.Throws<DomainException>(() => Discount.Percent(100.5m, "Goodwill"));
        Assert.Equal("A discount cannot be larger than the price.", error.Message);
    }

    [Theory]
    [InlineData(0, "more than $0.00")]
    [InlineData(-1, "more than $0.00")]
    [InlineData(1.005, "two decimals")]
    public void Refuses_discount_amounts_that_are_not_dollars_and_cents_above_zero(decimal amount, string expected)
    {
        var error = Assert.Throws<DomainException>(() => Discount.Amount(amount, "Price match"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_discount_needs_a_reason() =>
        Assert.Throws<DomainException>(() => Discount.Amount(1m, ""));

    [Fact]
    public void A_line_discount_of_the_whole_price_makes_the_line_free()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Thermometer", 10m), 1, _branch);
        sale.ApplyLineDiscount(line.Id, Discount.Amount(10m, "Damaged box"));
        Assert.Equal(Money.Zero, line.Amount);
        Assert.Equal(Money.Zero, sale.Total);
    }

    [Fact]
    public void A_percentage_line_discount_is_rounded_to_the_cent_per_line()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Lip balm", 3.33m), 3, _branch);
        sale.ApplyLineDiscount(line.Id, Discount.Percent(15m, "Employee"));

        // 9.99 x 15% = 1.4985, rounded to 1.50
        Assert.Equal(M(1.50m), line.LineDiscountAmount);
        Assert.Equal(M(8.49m), line.Amount);
        Assert.Equal(M(0.70m), line.Tax); // 8.49 x 8.25% = 0.700425
    }

    [Fact]
    public void A_price_override_needs_a_manager_a_reason_and_no_negative_price()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Heating pad", 29.99m), 1, _branch);

        Assert.Contains("manager", Assert.Throws<DomainException>(() => sale.OverridePrice(line.Id, 24.99m, "Shelf tag", Guid.Empty)).Message, StringComparison.Ordinal);
        Assert.Contains("reason", Assert.Throws<DomainException>(() => sale.OverridePrice(line.Id, 24.99m, "", Manager)).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<DomainException>(() => sale.OverridePrice(line.Id, -1m, "Shelf tag", Manager)).Message, StringComparison.Ordinal);
        Assert.Null(line.PriceOverride);
        Assert.Equal(M(29.99m), sale.Subtotal);
    }

    [Theory]
    [InlineData(24.99)]
    [InlineData(31.50)]
    [InlineData(0)]
    public void A_price_override_may_go_down_or_up(decimal newPrice)
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Heating pad", 29.99m), 2, _branch);

        sale.OverridePrice(line.Id, newPrice, "Shelf tag says otherwise", Manager);

        Assert.Equal(M(29.99m), line.UnitPrice);
        Assert.Equal(M(newPrice), line.SellingUnitPrice);
        Assert.Equal(Manager, line.PriceOverride!.ApprovedByUserId);
        Assert.Equal(M(newPrice * 2), sale.Subtotal);
    }

    [Fact]
    public void A_basket_discount_is_spread_across_lines_and_sums_exactly()
    {
        var sale = NewSale(_branch);
        var a = sale.AddLine(Product("Gauze", 1m), 1, _branch);
        var b = sale.AddLine(Product("Tape", 1m), 1, _branch);
        var c = sale.AddLine(Product("Swabs", 1m), 1, _branch);

        sale.ApplyBasketDiscount(Discount.Amount(1m, "Coupon"));

        // 1.00 / 3 = 0.333..: each gets 0.33, the cent left goes to the first line (largest remainder, earlier first).
        Assert.Equal([M(0.34m), M(0.33m), M(0.33m)], [a.BasketDiscountShare, b.BasketDiscountShare, c.BasketDiscountShare]);
        Assert.Equal(M(1m), sale.BasketDiscountAmount);
        Assert.Equal(M(2m), sale.Subtotal);
        Assert.Equal(M(0.17m), sale.Tax); // 0.66 x 8.25% = 0.05445 -> 0.05, then 0.67 -> 0.055275 -> 0.06 twice
    }

    [Fact]
    public void A_basket_discount_never_touches_a_prescription()
    {
        var sale = NewSale(_branch);
        var rx = sale.AddFill(Product("Amoxicillin 500mg", 12m, "Prescription", rx: true), _branch);
        var otc = sale.AddLine(Product("Probiotic", 20m), 1, _branch);

        sale.ApplyBasketDiscount(Discount.Percent(10m, "Senior day"));

        Assert.Equal(Money.Zero, rx.BasketDiscountShare);
        Assert.Equal(M(2m), otc.BasketDiscountShare);
        Assert.Equal(M(30m), sale.Subtotal);
        Assert.Equal(Money.Zero, rx.Tax);
    }

    [Fact]
    public void Refuses_a_basket_discount_larger_than_the_basket()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Gauze", 4m), 1, _branch);
        sale.AddFill(Product("Amoxicillin 500mg", 12m, "Prescription", rx: true), _branch);

        var error = Assert.Throws<DomainException>(() => sale.ApplyBasketDiscount(Discount.Amount(4.01m, "Coupon")));

        Assert.Equal("A discount cannot be larger than the price.", error.Message);
        Assert.Null(sale.BasketDiscount);
    }

    [Fact]
    public void An_amount_basket_discount_shrinks_with_the_basket_and_never_goes_below_zero()
    {
        var sale = NewSale(_branch);
        var a = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        var b = sale.AddLine(Product("Tape", 6m), 1, _branch);
        sale.ApplyBasketDiscount(Discount.Amount(8m, "Coupon"));

        sale.RemoveLine(b.Id, "Not wanted");

        Assert.Equal(M(4m), sale.BasketDiscountAmount);
        Assert.Equal(Money.Zero, a.Amount);
        Assert.Equal(Money.Zero, sale.Total);
    }

    [Fact]
    public void Taking_discounts_back_restores_the_price()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Thermometer", 10m), 1, _branch);
        sale.ApplyLineDiscount(line.Id, Discount.Amount(2m, "Price match"));
        sale.ApplyBasketDiscount(Discount.Percent(10m, "Coupon"));
        Assert.Equal(M(7.20m), sale.Subtotal);

        sale.RemoveLineDiscount(line.Id);
        sale.RemoveBasketDiscount();

        Assert.Null(line.Discount);
        Assert.Null(sale.BasketDiscount);
        Assert.Equal(M(10m), sale.Subtotal);
        Assert.Equal(M(10.83m), sale.Total);
    }

    [Fact]
    public void A_suspended_sale_changes_nothing_until_resumed()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 1, _branch);

        sale.Suspend();

        Assert.Equal(SaleStatus.Suspended, sale.Status);
        Assert.Contains("resume", Assert.Throws<DomainException>(() => sale.ChangeQuantity(line.Id, 2)).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => sale.AddCashTender(5m));

        sale.Resume();
        sale.ChangeQuantity(line.Id, 2);
        Assert.Equal(M(8m), sale.Subtotal);
    }

    [Fact]
    public void An_empty_sale_cannot_be_suspended_and_an_open_one_cannot_be_resumed()
    {
        var sale = NewSale(_branch);
        Assert.Throws<DomainException>(sale.Suspend);
        Assert.Throws<DomainException>(sale.Resume);
    }

    [Fact]
    public void A_sale_is_voided_before_payment_with_its_reason()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Gauze", 4m), 1, _branch);

        sale.Void("Customer left", Now);

        Assert.Equal(SaleStatus.Voided, sale.Status);
        Assert.Equal("Customer left", sale.VoidReason);
        Assert.Equal(Now, sale.VoidedAt);
    }

    [Fact]
    public void A_suspended_sale_can_be_voided()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Gauze", 4m), 1, _branch);
        sale.Suspend();
        sale.Void("Never came back", Now);
        Assert.Equal(SaleStatus.Voided, sale.Status);
    }

    [Fact]
    public void Refuses_to_void_once_payment_was_taken_or_without_a_reason()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Gauze", 4m), 1, _branch);
        Assert.Throws<DomainException>(() => sale.Void(" ", Now));

        sale.Priced().AddCashTender(1m);

        Assert.Contains("cannot be voided", Assert.Throws<DomainException>(() => sale.Void("Customer left", Now)).Message, StringComparison.Ordinal);
        Assert.Equal(SaleStatus.Open, sale.Status);
    }

    public static TheoryData<string> EveryChange =>
    [
        "AddLine", "ChangeQuantity", "RemoveLine", "ApplyLineDiscount", "RemoveLineDiscount", "OverridePrice",
        "ApplyBasketDiscount", "RemoveBasketDiscount", "IdentifyCustomer", "ApplyPromotions", "Suspend", "Resume",
        "Void", "AddCashTender", "AddApprovedCardTender", "Complete",
    ];

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void A_completed_sale_refuses_every_change(string change)
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        sale.Priced().AddCashTender(10m);
        sale.Complete(Now);
        var total = sale.Total;

        var error = Assert.Throws<DomainException>(() => Attempt(sale, line.Id, change));

        Assert.Contains("completed", error.Message, StringComparison.Ordinal);
        Assert.Equal(SaleStatus.Completed, sale.Status);
        Assert.Equal(total, sale.Total);
        Assert.Single(sale.Tenders);
    }

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void A_voided_sale_refuses_every_change(string change)
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        sale.Void("Customer left", Now);

        var error = Assert.Throws<DomainException>(() => Attempt(sale, line.Id, change));

        Assert.Contains("voided", error.Message, StringComparison.Ordinal);
        Assert.Equal(SaleStatus.Voided, sale.Status);
        Assert.Equal("Customer left", sale.VoidReason);
    }

    [Fact]
    public void The_items_cannot_change_once_payment_started()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 2, _branch);
        sale.Priced().AddCashTender(5m);

        foreach (var change in new[] { "AddLine", "ChangeQuantity", "RemoveLine", "ApplyLineDiscount", "OverridePrice", "ApplyBasketDiscount", "ApplyPromotions", "Suspend" })
            Assert.Contains("Payment has started", Assert.Throws<DomainException>(() => Attempt(sale, line.Id, change)).Message, StringComparison.Ordinal);
        Assert.Equal(M(8.66m), sale.Total);
    }

    private void Attempt(Sale sale, Guid lineId, string change)
    {
        switch (change)
        {
            case "AddLine": sale.AddLine(Product("Tape", 2m), 1, _branch); break;
            case "ChangeQuantity": sale.ChangeQuantity(lineId, 2); break;
            case "RemoveLine": sale.RemoveLine(lineId, "Not wanted"); break;
            case "ApplyLineDiscount": sale.ApplyLineDiscount(lineId, Discount.Amount(1m, "Coupon")); break;
            case "RemoveLineDiscount": sale.RemoveLineDiscount(lineId); break;
            case "OverridePrice": sale.OverridePrice(lineId, 1m, "Shelf tag", Manager); break;
            case "ApplyBasketDiscount": sale.ApplyBasketDiscount(Discount.Percent(5m, "Coupon")); break;
            case "RemoveBasketDiscount": sale.RemoveBasketDiscount(); break;
            case "IdentifyCustomer": sale.IdentifyCustomer(Guid.CreateVersion7(), true); break;
            case "ApplyPromotions": sale.ApplyPromotions(PricingEngine.WithoutPromotions, Now); break;
            case "Suspend": sale.Suspend(); break;
            case "Resume": sale.Resume(); break;
            case "Void": sale.Void("Again", Now); break;
            case "AddCashTender": sale.AddCashTender(1m); break;
            case "AddApprovedCardTender": sale.AddApprovedCardTender(TenderKind.Card, 1m, "Visa", "1111", "A1", "T-9"); break;
            case "Complete": sale.Complete(Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}
