using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

public class TenderReversalTests
{
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch();

    /// <summary>Bandages ($10.00, FSA/HSA eligible, $10.83 with tax) and candy ($2.00, $2.17 with tax): $13.00.</summary>
    private Sale MixedSale()
    {
        var sale = NewSale(_branch);
        sale.AddLine(Product("Adhesive bandages", 10m, "First aid", fsaHsa: true), 1, _branch);
        sale.AddLine(Product("Peppermints", 2m, "Candy"), 1, _branch);
        return sale.Priced();
    }

    private static Tender Card(Sale sale, decimal amount, string terminalReference, TenderKind kind = TenderKind.Card) =>
        sale.AddApprovedCardTender(kind, amount, "Visa", "4242", "A1B2C3", terminalReference);

    [Fact]
    public void A_reversed_card_payment_leaves_the_sale_and_what_is_due_goes_back_up()
    {
        var sale = MixedSale();
        var card = Card(sale, 5m, "T-1");
        var cash = sale.AddCashTender(3m);
        Assert.Equal(M(5m), sale.RemainingDue);

        var reversed = sale.ReverseTender(card.Id);

        Assert.Same(card, reversed);
        Assert.Equal([cash], sale.Tenders);
        Assert.Equal(M(3m), sale.AmountPaid);
        Assert.Equal(M(10m), sale.RemainingDue);
        Assert.Equal(M(13m), sale.Total);
        Assert.Equal(SaleStatus.Open, sale.Status);
    }

    [Fact]
    public void Cash_handed_back_is_simply_taken_off_and_its_change_with_it()
    {
        var sale = MixedSale();
        var cash = sale.AddCashTender(5m);

        sale.ReverseTender(cash.Id);

        Assert.Empty(sale.Tenders);
        Assert.Equal(Money.Zero, sale.AmountPaid);
        Assert.Equal(Money.Zero, sale.ChangeDue);
        Assert.Equal(M(13m), sale.RemainingDue);
    }

    [Fact]
    public void A_reversed_FSA_card_no_longer_counts_toward_what_the_FSA_card_paid()
    {
        var sale = MixedSale();
        var fsa = Card(sale, 10.83m, "T-FSA", TenderKind.FsaHsaCard);
        Assert.Equal(M(10.83m), sale.FsaHsaPaid);
        Assert.Equal(Money.Zero, sale.FsaHsaAvailable);

        sale.ReverseTender(fsa.Id);

        Assert.Equal(Money.Zero, sale.FsaHsaPaid);
        Assert.Equal(M(10.83m), sale.FsaHsaAvailable);
        // The eligible items can be paid by FSA/HSA card again.
        Card(sale, 10.83m, "T-FSA-2", TenderKind.FsaHsaCard);
        Assert.Equal(M(2.17m), sale.RemainingDue);
    }

    [Fact]
    public void Once_every_payment_is_back_the_sale_can_be_voided_or_its_basket_changed()
    {
        var sale = MixedSale();
        var card = Card(sale, 13m, "T-1");
        Assert.Throws<DomainException>(() => sale.Void("Out of stock", Now));

        sale.ReverseTender(card.Id);
        sale.Void("Out of stock", Now);

        Assert.Equal(SaleStatus.Voided, sale.Status);
        Assert.Equal("Out of stock", sale.VoidReason);
    }

    [Fact]
    public void A_payment_taken_after_a_reversal_gets_the_next_place_in_order()
    {
        var sale = MixedSale();
        var first = Card(sale, 2m, "T-1");
        var second = Card(sale, 3m, "T-2");
        sale.ReverseTender(first.Id);

        var third = sale.AddCashTender(1m);

        Assert.Equal([2, 3], sale.Tenders.Select(t => t.Sequence).Order());
        Assert.Equal(2, second.Sequence);
        Assert.Equal(3, third.Sequence);
    }

    [Fact]
    public void Refused_on_a_completed_sale_and_changes_nothing()
    {
        var sale = MixedSale();
        var card = Card(sale, 13m, "T-1");
        sale.Complete(Now);

        var ex = Assert.Throws<DomainException>(() => sale.ReverseTender(card.Id));

        Assert.Contains("completed", ex.Message, StringComparison.Ordinal);
        Assert.Equal([card], sale.Tenders);
        Assert.Equal(Money.Zero, sale.RemainingDue);
    }

    [Fact]
    public void Refused_for_a_payment_that_is_not_on_the_sale()
    {
        var sale = MixedSale();
        var card = Card(sale, 4m, "T-1");

        var ex = Assert.Throws<DomainException>(() => sale.ReverseTender(Guid.CreateVersion7()));

        Assert.Equal("That payment is not on this sale.", ex.Message);
        Assert.Equal([card], sale.Tenders);
    }
}
