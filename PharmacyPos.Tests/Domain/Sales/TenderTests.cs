using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

public class TenderTests
{
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch();

    /// <summary>Gauze at $4.00 and 8.25% tax: $4.33 to pay.</summary>
    private Sale GauzeSale()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Gauze", 4m), 1, _branch);
        return sale.Priced();
    }

    /// <summary>Bandages ($10.00, FSA/HSA eligible, $10.83 with tax) and candy ($2.00, $2.17 with tax): $13.00.</summary>
    private Sale MixedSale()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Adhesive bandages", 10m, "First aid", fsaHsa: true), 1, _branch);
        sale.AddLine(Product("Peppermints", 2m, "Candy"), 1, _branch);
        return sale.Priced();
    }

    private static Tender Card(Sale sale, decimal amount, string terminalReference = "T-1001", TenderKind kind = TenderKind.Card) =>
        sale.AddApprovedCardTender(kind, amount, "Visa", "4242", "A1B2C3", terminalReference);

    [Fact]
    public void Exact_cash_completes_the_sale_with_no_change()
    {
        var sale = GauzeSale();
        var tender = sale.AddCashTender(4.33m);
        sale.Complete(Now);

        Assert.Equal(SaleStatus.Completed, sale.Status);
        Assert.Equal(Now, sale.CompletedAt);
        Assert.Equal(M(4.33m), tender.Amount);
        Assert.Equal(Money.Zero, sale.ChangeDue);
    }

    [Fact]
    public void Cash_above_the_total_gives_change()
    {
        var sale = GauzeSale();
        var tender = sale.AddCashTender(20m);
        sale.Complete(Now);

        Assert.Equal(M(20m), tender.CashTendered);
        Assert.Equal(M(4.33m), tender.Amount);
        Assert.Equal(M(15.67m), tender.ChangeDue);
        Assert.Equal(M(15.67m), sale.ChangeDue);
    }

    [Theory]
    [InlineData(4.335, "two decimals")]
    [InlineData(10.001, "two decimals")]
    [InlineData(0, "Enter the cash")]
    [InlineData(-5, "Enter the cash")]
    [InlineData(2_000_000, "larger than the counter accepts")]
    public void Refuses_cash_amounts_that_are_not_dollars_and_cents(decimal amount, string expected)
    {
        var sale = GauzeSale();
        var error = Assert.Throws<DomainException>(() => sale.AddCashTender(amount));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(sale.Tenders);
    }

    [Fact]
    public void Refuses_card_amounts_with_three_decimals()
    {
        var sale = GauzeSale();
        Assert.Contains("two decimals", Assert.Throws<DomainException>(() => Card(sale, 4.325m)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_full_card_number_as_the_last_four_without_repeating_it()
    {
        var sale = GauzeSale();

        var error = Assert.Throws<DomainException>(() =>
            sale.AddApprovedCardTender(TenderKind.Card, 4.33m, "Visa", "4111111111111111", "A1", "T-1"));

        Assert.Equal("Enter only the last four digits of the card.", error.Message);
        Assert.DoesNotContain("4111", error.Message, StringComparison.Ordinal);
        Assert.Empty(sale.Tenders);
        Assert.Equal(SaleStatus.Open, sale.Status);
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("12a4")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("１２３４")] // full-width digits are not ASCII digits
    public void Card_last_four_is_exactly_four_digits(string? text) =>
        Assert.False(CardLastFour.TryParse(text, out _, out _));

    [Theory]
    [InlineData("4242")]
    [InlineData(" 0005 ")]
    public void Card_last_four_accepts_four_digits(string text)
    {
        Assert.True(CardLastFour.TryParse(text, out var lastFour, out var error), error);
        Assert.Equal(text.Trim(), lastFour.Value);
    }

    [FsCheck.Xunit.Property]
    public bool Card_last_four_never_holds_anything_but_four_digits(string? text) =>
        CardLastFour.TryParse(text, out var lastFour, out _)
            ? lastFour.Value.Length == 4 && lastFour.Value.All(char.IsAsciiDigit)
            : lastFour == default;

    [Fact]
    public void Refuses_a_card_paying_more_than_is_due()
    {
        var sale = GauzeSale();
        var error = Assert.Throws<DomainException>(() => Card(sale, 4.34m));
        Assert.Contains("more than is due", error.Message, StringComparison.Ordinal);
        Assert.Empty(sale.Tenders);
    }

    [Fact]
    public void A_card_keeps_only_brand_last_four_authorization_and_terminal_reference()
    {
        var sale = GauzeSale();
        var tender = sale.AddApprovedCardTender(TenderKind.Card, 4.33m, " Mastercard ", "5454", "OK1234", "TERM-7-000123");

        Assert.Equal(TenderKind.Card, tender.Kind);
        Assert.Equal("Mastercard", tender.CardBrand);
        Assert.Equal("5454", tender.CardLastFour!.Value.Value);
        Assert.Equal("OK1234", tender.AuthorizationCode);
        Assert.Equal("TERM-7-000123", tender.TerminalReference);
        Assert.Equal(Money.Zero, tender.ChangeDue);
        Assert.Null(tender.CashTendered);
    }

    [Fact]
    public void The_same_terminal_approval_is_recorded_once()
    {
        var sale = MixedSale();
        Card(sale, 5m, "T-77");
        Assert.Contains("already recorded", Assert.Throws<DomainException>(() => Card(sale, 5m, "T-77")).Message, StringComparison.Ordinal);
        Assert.Equal(M(8m), sale.RemainingDue);
    }

    [Fact]
    public void A_split_tender_of_card_and_cash_completes_with_change_from_the_cash()
    {
        var sale = MixedSale();
        Card(sale, 10m);
        Assert.Equal(M(3m), sale.RemainingDue);
        Assert.Throws<DomainException>(() => sale.Complete(Now));

        var cash = sale.AddCashTender(5m);
        sale.Complete(Now);

        Assert.Equal(M(3m), cash.Amount);
        Assert.Equal(M(2m), sale.ChangeDue);
        Assert.Equal(M(13m), sale.AmountPaid);
        Assert.Equal([1, 2], sale.Tenders.Select(t => t.Sequence));
    }

    [Fact]
    public void An_fsa_hsa_card_pays_only_for_eligible_items()
    {
        var sale = MixedSale();
        Assert.Equal(M(10.83m), sale.EligibleFsaHsaSubtotal);

        var error = Assert.Throws<DomainException>(() => Card(sale, 11m, kind: TenderKind.FsaHsaCard));

        Assert.Equal("This FSA/HSA card can pay only for eligible items: $10.83", error.Message);
        Assert.Empty(sale.Tenders);
    }

    [Fact]
    public void A_second_fsa_hsa_card_pays_only_what_the_first_left_of_the_eligible_items()
    {
        var sale = MixedSale();
        Card(sale, 5m, "T-1", TenderKind.FsaHsaCard);

        var error = Assert.Throws<DomainException>(() => Card(sale, 6m, "T-2", TenderKind.FsaHsaCard));

        Assert.Equal("This FSA/HSA card can pay only for eligible items: $5.83", error.Message);
        Card(sale, 5.83m, "T-3", TenderKind.FsaHsaCard);
        sale.AddCashTender(2.17m);
        sale.Complete(Now);
        Assert.Equal(M(10.83m), sale.FsaHsaPaid);
    }

    [Fact]
    public void A_sale_cannot_complete_while_something_is_due()
    {
        var sale = GauzeSale();
        sale.AddCashTender(4m);
        var error = Assert.Throws<DomainException>(() => sale.Complete(Now));
        Assert.Equal("$0.33 is still due.", error.Message);
        Assert.Equal(SaleStatus.Open, sale.Status);
    }

    [Fact]
    public void A_refused_card_adds_no_tender_and_the_sale_stays_open_for_another_payment()
    {
        var sale = MixedSale();
        Assert.Throws<DomainException>(() => Card(sale, 13.01m, "T-1"));
        Assert.Throws<DomainException>(() => Card(sale, 13m, "T-2", TenderKind.FsaHsaCard));

        Assert.Empty(sale.Tenders);
        Assert.Equal(SaleStatus.Open, sale.Status);
        Assert.Equal(M(13m), sale.RemainingDue);
        Card(sale, 13m, "T-3");
        sale.Complete(Now);
        Assert.Equal(SaleStatus.Completed, sale.Status);
    }

    [Fact]
    public void Refuses_payment_when_nothing_is_left_to_pay()
    {
        var sale = GauzeSale();
        sale.AddCashTender(4.33m);
        Assert.Equal("Nothing is left to pay.", Assert.Throws<DomainException>(() => sale.AddCashTender(1m)).Message);
        Assert.Equal("Nothing is left to pay.", Assert.Throws<DomainException>(() => Card(sale, 1m)).Message);
    }

    [Fact]
    public void Payment_waits_until_the_changed_basket_is_priced_again()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Gauze", 4m), 1, _branch);

        Assert.False(sale.PromotionsUpToDate);
        Assert.Contains("price it again", Assert.Throws<DomainException>(() => sale.AddCashTender(5m)).Message, StringComparison.Ordinal);

        sale.ApplyPromotions(PricingEngine.WithoutPromotions, Now);
        sale.AddCashTender(5m);
        Assert.Single(sale.Tenders);
    }

    [Fact]
    public void An_empty_sale_takes_no_payment_and_cannot_complete()
    {
        var sale = NewSale(_branch);
        Assert.Throws<DomainException>(() => sale.AddCashTender(1m));
        Assert.Equal("The sale has no items.", Assert.Throws<DomainException>(() => sale.Complete(Now)).Message);
    }

    [Fact]
    public void A_sale_discounted_to_nothing_completes_without_a_tender()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Sample lotion", 3m), 1, _branch);
        sale.ApplyLineDiscount(line.Id, Discount.Percent(100m, "Free sample"));
        sale.Priced().Complete(Now);
        Assert.Equal(SaleStatus.Completed, sale.Status);
        Assert.Empty(sale.Tenders);
    }
}
