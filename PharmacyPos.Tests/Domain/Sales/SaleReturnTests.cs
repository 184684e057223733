using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

public class SaleReturnTests
{
    private const decimal Threshold = 50m;
    private static readonly Guid Cashier = Guid.CreateVersion7();
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch();
    private readonly List<SaleReturn> _returns = [];

    /// <summary>
    /// Ibuprofen 3 x $3.33 ($9.99 + $0.82 tax), bandages $10.00 FSA/HSA eligible ($10.83 with tax),
    /// a dispensed prescription $12.00 (untaxed): $33.64, paid $20.00 by card and the rest in cash.
    /// </summary>
    private (Sale Sale, SaleLine Ibuprofen, SaleLine Bandages, SaleLine Prescription) CompletedSale()
    {
        var sale = NewSale(_branch);
        var ibuprofen = sale.AddLine(Product("Ibuprofen 24ct", 3.33m), 3, _branch);
        var bandages = sale.AddLine(Product("Adhesive bandages", 10m, "First aid", fsaHsa: true), 1, _branch);
        var prescription = sale.AddFill(Product("Amoxicillin 500mg", 12m, "Prescription", rx: true), _branch);
        sale.Priced();
        sale.AddApprovedCardTender(TenderKind.Card, 20m, "Visa", "4242", "A1", "T-1");
        sale.AddCashTender(20m);
        sale.Complete(Now);
        return (sale, ibuprofen, bandages, prescription);
    }

    private SaleReturn Return(Sale sale, decimal threshold = Threshold, Guid? approvedBy = null, params ReturnRequest[] requests)
    {
        var made = SaleReturn.Create(Guid.CreateVersion7(), sale, _returns, requests, threshold, "R1", Cashier, Now.AddDays(2), approvedBy);
        _returns.Add(made);
        return made;
    }

    [Fact]
    public void Refunds_a_unit_at_what_was_paid_for_it_with_its_tax()
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        Assert.Equal(M(33.64m), sale.Total);

        var first = Return(sale, requests: new ReturnRequest(ibuprofen.Id, 1));

        var line = Assert.Single(first.Lines);
        Assert.Equal(M(3.33m), line.RefundAmount);
        Assert.Equal(M(0.27m), line.RefundTax); // 0.82 / 3 = 0.2733
        Assert.Equal(M(3.60m), first.Total);
        Assert.True(line.Restock);
        Assert.Equal(sale.Id, first.SaleId);
        Assert.Equal(sale.SaleNumber, first.SaleNumber);
    }

    [Fact]
    public void Returning_the_last_units_refunds_the_line_to_the_cent()
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        Return(sale, requests: new ReturnRequest(ibuprofen.Id, 1));

        var rest = Return(sale, requests: new ReturnRequest(ibuprofen.Id, 2));

        Assert.Equal(M(6.66m), rest.Lines.Single().RefundAmount);
        Assert.Equal(M(0.55m), rest.Lines.Single().RefundTax);
        Assert.Equal(ibuprofen.AmountWithTax, Sum(_returns.Select(r => r.Total)));
    }

    [Fact]
    public void Returning_units_one_by_one_never_refunds_more_than_was_paid()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Cotton ball", 0.01m), 5, _branch);
        sale.ApplyLineDiscount(line.Id, Discount.Amount(0.02m, "Loose pack"));
        sale.Priced().AddCashTender(0.03m);
        sale.Complete(Now);

        var refunds = Enumerable.Range(0, 5).Select(_ => Return(sale, requests: new ReturnRequest(line.Id, 1)).Total).ToList();

        // Rounding each unit alone would give back 5 x 0.01 for a line that cost 0.03.
        Assert.Equal([M(0.01m), Money.Zero, M(0.01m), Money.Zero, M(0.01m)], refunds);
    }

    [Theory]
    [InlineData(4, "Only 3 of Ibuprofen 24ct can still be returned")]
    [InlineData(1000, "Only 3 of Ibuprofen 24ct can still be returned")]
    [InlineData(0, "Return at least one unit.")]
    [InlineData(-1, "Return at least one unit.")]
    public void Refuses_to_take_back_more_than_was_sold(int quantity, string expected)
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        var error = Assert.Throws<DomainException>(() => Return(sale, requests: new ReturnRequest(ibuprofen.Id, quantity)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_returns);
    }

    [Fact]
    public void Refuses_units_already_returned()
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        Return(sale, requests: new ReturnRequest(ibuprofen.Id, 2));

        Assert.StartsWith("Only 1 of Ibuprofen 24ct", Assert.Throws<DomainException>(() => Return(sale, requests: new ReturnRequest(ibuprofen.Id, 2))).Message, StringComparison.Ordinal);
        Return(sale, requests: new ReturnRequest(ibuprofen.Id, 1));
        Assert.Contains("already returned", Assert.Throws<DomainException>(() => Return(sale, requests: new ReturnRequest(ibuprofen.Id, 1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_every_request_for_the_same_line_together()
    {
        var (sale, ibuprofen, _, _) = CompletedSale();

        Assert.Throws<DomainException>(() => Return(sale, requests: [new ReturnRequest(ibuprofen.Id, 2), new ReturnRequest(ibuprofen.Id, 2, Damaged: true)]));

        var made = Return(sale, requests: [new ReturnRequest(ibuprofen.Id, 2), new ReturnRequest(ibuprofen.Id, 1, Damaged: true)]);
        Assert.Equal(ibuprofen.AmountWithTax, made.Total);
    }

    [Fact]
    public void Damaged_units_are_refunded_but_not_put_back_on_the_shelf()
    {
        var (sale, _, bandages, _) = CompletedSale();
        var made = Return(sale, requests: new ReturnRequest(bandages.Id, 1, Damaged: true));
        var line = Assert.Single(made.Lines);
        Assert.True(line.Damaged);
        Assert.False(line.Restock);
        Assert.Equal(M(10.83m), line.Refund);
        Assert.Equal(bandages.ProductId, line.ProductId);
    }

    [Fact]
    public void Refuses_to_take_back_dispensed_prescription_medicine()
    {
        var (sale, ibuprofen, _, prescription) = CompletedSale();
        var error = Assert.Throws<DomainException>(() => Return(sale, requests: [new ReturnRequest(ibuprofen.Id, 1), new ReturnRequest(prescription.Id, 1)]));
        Assert.Equal("Dispensed prescription medicine cannot be returned (state pharmacy law).", error.Message);
        Assert.Empty(_returns);
    }

    [Fact]
    public void Only_a_completed_sale_can_be_returned()
    {
        var sale = NewSale(_branch);
        var line = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        Assert.Equal("Only a completed sale can be returned.", Assert.Throws<DomainException>(() => Return(sale, requests: new ReturnRequest(line.Id, 1))).Message);
    }

    [Fact]
    public void Refuses_a_removed_line_an_unknown_line_and_an_empty_return()
    {
        var sale = NewSale(_branch);
        var kept = sale.AddLine(Product("Gauze", 4m), 1, _branch);
        var removed = sale.AddLine(Product("Tape", 2m), 1, _branch);
        sale.RemoveLine(removed.Id, "Not wanted");
        sale.Priced().AddCashTender(5m);
        sale.Complete(Now);

        Assert.Contains("removed", Assert.Throws<DomainException>(() => Return(sale, requests: new ReturnRequest(removed.Id, 1))).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => Return(sale, requests: new ReturnRequest(Guid.CreateVersion7(), 1)));
        Assert.Throws<DomainException>(() => Return(sale));
        Assert.Single(Return(sale, requests: new ReturnRequest(kept.Id, 1)).Lines);
    }

    [Fact]
    public void Refuses_earlier_returns_of_another_sale()
    {
        var (first, ibuprofen, _, _) = CompletedSale();
        var earlier = Return(first, requests: new ReturnRequest(ibuprofen.Id, 1));
        var (second, other, _, _) = CompletedSale();
        Assert.Throws<ArgumentException>(() => SaleReturn.Quote(second, [earlier], [new ReturnRequest(other.Id, 1)], Threshold));
    }

    [Fact]
    public void The_refund_goes_to_the_card_first_then_in_cash()
    {
        var (sale, ibuprofen, bandages, _) = CompletedSale();
        var card = sale.Tenders.Single(t => t.Kind == TenderKind.Card);

        var first = Return(sale, requests: new ReturnRequest(ibuprofen.Id, 3));
        var second = Return(sale, requests: new ReturnRequest(bandages.Id, 1));

        var toCard = Assert.Single(first.Refunds);
        Assert.Equal((TenderKind.Card, M(10.81m), card.Id, "T-1"), (toCard.Kind, toCard.Amount, toCard.OriginalTenderId!.Value, toCard.TerminalReference));
        Assert.Equal([(TenderKind.Card, M(9.19m)), (TenderKind.Cash, M(1.64m))], second.Refunds.Select(r => (r.Kind, r.Amount)));
    }

    [Fact]
    public void An_fsa_hsa_card_gets_back_only_what_was_refunded_for_eligible_items()
    {
        var sale = NewSale(_branch);
        var bandages = sale.AddLine(Product("Adhesive bandages", 10m, "First aid", fsaHsa: true), 1, _branch);
        var mints = sale.AddLine(Product("Peppermints", 2m, "Candy"), 1, _branch);
        sale.Priced();
        sale.AddApprovedCardTender(TenderKind.FsaHsaCard, 10.83m, "Visa", "1881", "H1", "T-FSA");
        sale.AddCashTender(2.17m);
        sale.Complete(Now);

        var mintsBack = Return(sale, requests: new ReturnRequest(mints.Id, 1));
        var bandagesBack = Return(sale, requests: new ReturnRequest(bandages.Id, 1));

        Assert.Equal([(TenderKind.Cash, M(2.17m))], mintsBack.Refunds.Select(r => (r.Kind, r.Amount)));
        Assert.Equal([(TenderKind.FsaHsaCard, M(10.83m))], bandagesBack.Refunds.Select(r => (r.Kind, r.Amount)));
    }

    [Fact]
    public void A_refund_above_the_threshold_needs_a_managers_approval()
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        var request = new ReturnRequest(ibuprofen.Id, 3);

        Assert.True(SaleReturn.Quote(sale, [], [request], 10m).RequiresManagerApproval);
        var error = Assert.Throws<DomainException>(() => Return(sale, 10m, null, request));
        Assert.Equal("A refund of $10.81 needs a manager's approval (more than $10.00).", error.Message);
        Assert.Throws<DomainException>(() => Return(sale, 10m, Guid.Empty, request));
        Assert.Empty(_returns);

        var approved = Return(sale, 10m, Manager, request);
        Assert.Equal(Manager, approved.ApprovedByUserId);
    }

    [Theory]
    [InlineData(10.81, false)]
    [InlineData(10.80, true)]
    [InlineData(0, true)]
    public void Approval_is_needed_only_above_the_threshold(decimal threshold, bool needed)
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        Assert.Equal(needed, SaleReturn.Quote(sale, [], [new ReturnRequest(ibuprofen.Id, 3)], threshold).RequiresManagerApproval);
    }

    [Fact]
    public void A_quote_changes_nothing()
    {
        var (sale, ibuprofen, _, _) = CompletedSale();
        var quote = SaleReturn.Quote(sale, _returns, [new ReturnRequest(ibuprofen.Id, 3)], Threshold);
        Assert.Equal(M(10.81m), quote.Total);
        Assert.Equal(M(10.81m), Return(sale, requests: new ReturnRequest(ibuprofen.Id, 3)).Total);
    }

    private static readonly Arbitrary<(int PriceCents, int[] Chunks, int DiscountCents, int TaxThousandths)> Returns =
        (from chunks in Gen.ArrayOf(Gen.Choose(1, 40)).Where(c => c.Length > 0 && c.Sum() <= SaleLine.MaxQuantity)
         from price in Gen.Choose(1, 5_000)
         from discount in Gen.Choose(0, 1_000_000)
         from tax in Gen.Choose(0, 12_500)
         select (price, chunks, discount, tax)).ToArbitrary();

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Returning_a_line_in_any_pieces_refunds_exactly_what_it_cost() =>
        Prop.ForAll(Returns, spec =>
        {
            var branch = Branch(standardRate: spec.TaxThousandths / 1000m);
            var sale = NewSale(branch);
            var sold = spec.Chunks.Sum();
            var line = sale.AddLine(Product("Item", spec.PriceCents / 100m), sold, branch);
            var discount = spec.DiscountCents % (spec.PriceCents * sold);
            if (discount > 0)
                sale.ApplyLineDiscount(line.Id, Discount.Amount(discount / 100m, "Test"));
            sale.Priced();
            if (sale.Total > Money.Zero)
                sale.AddCashTender(sale.Total.Amount);
            sale.Complete(Now);

            var earlier = new List<SaleReturn>();
            foreach (var chunk in spec.Chunks)
                earlier.Add(SaleReturn.Create(Guid.CreateVersion7(), sale, earlier, [new ReturnRequest(line.Id, chunk)], 1_000_000m, "R1", Cashier, Now, null));

            Assert.All(earlier, r => Assert.False(r.Total.IsNegative));
            Assert.Equal(line.AmountWithTax, Sum(earlier.Select(r => r.Total)));
            Assert.Equal(line.Amount, Sum(earlier.SelectMany(r => r.Lines).Select(l => l.RefundAmount)));
            Assert.Equal(sale.AmountPaid, Sum(earlier.SelectMany(r => r.Refunds).Select(r => r.Amount)));
        });

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (s, m) => s + m);
}
