using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

/// <summary>A return recorded before its refunds, the limits across a sale's returns, and the approval threshold counting them all.</summary>
public class PendingReturnTests
{
    private const decimal Threshold = 50m;
    private static readonly Guid Cashier = Guid.CreateVersion7();
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch();

    /// <summary>Ibuprofen 3 x $3.33 ($9.99 + $0.82 tax = $10.81): $6.00 on a Visa, $4.81 on a Mastercard.</summary>
    private (Sale Sale, SaleLine Ibuprofen) TwoCardSale()
    {
        var sale = NewSale(_branch);
        var ibuprofen = sale.AddLine(Product("Ibuprofen 24ct", 3.33m), 3, _branch);
        sale.Priced();
        sale.AddApprovedCardTender(TenderKind.Card, 6m, "Visa", "4242", "A1", "T-1");
        sale.AddApprovedCardTender(TenderKind.Card, 4.81m, "Mastercard", "5555", "A2", "T-2");
        sale.Complete(Now);
        return (sale, ibuprofen);
    }

    private static SaleReturn Make(Sale sale, IEnumerable<SaleReturn> earlier, decimal threshold, Guid? approvedBy, params ReturnRequest[] lines) =>
        SaleReturn.Create(Guid.CreateVersion7(), sale, earlier, lines, threshold, "R1", Cashier, Now, approvedBy, "Changed their mind");

    [Fact]
    public void A_return_is_recorded_pending_with_a_key_for_each_planned_refund()
    {
        var (sale, ibuprofen) = TwoCardSale();

        var made = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 3));

        Assert.Equal(ReturnStatus.Pending, made.Status);
        Assert.Equal("Changed their mind", made.Reason);
        Assert.Equal([(1, $"{made.Id:N}-1", M(6m)), (2, $"{made.Id:N}-2", M(4.81m))],
            made.Refunds.OrderBy(r => r.Sequence).Select(r => (r.Sequence, r.IdempotencyKey, r.Amount)));
        Assert.All(made.Refunds, r => Assert.Equal(RefundStatus.Planned, r.Status));
        Assert.Throws<DomainException>(() => made.Complete(Now));
    }

    [Fact]
    public void A_declined_card_gets_a_new_key_on_retry_and_an_unanswered_one_keeps_its_key()
    {
        var (sale, ibuprofen) = TwoCardSale();
        var made = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 3));
        made.RecordSending(1);
        made.RecordSending(2);
        made.RecordDeclined(2, "Do not honour");

        made.RetryDeclined();

        Assert.Equal($"{made.Id:N}-1", made.Refund(1).IdempotencyKey);
        Assert.Equal(RefundStatus.Sent, made.Refund(1).Status);
        Assert.Equal($"{made.Id:N}-2-2", made.Refund(2).IdempotencyKey);
        Assert.Equal(RefundStatus.Planned, made.Refund(2).Status);
    }

    [Fact]
    public void A_return_can_be_cancelled_only_while_nothing_went_back_to_a_card()
    {
        var (sale, ibuprofen) = TwoCardSale();
        var untouched = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 1));
        untouched.Abandon(Now);
        Assert.Equal(ReturnStatus.Abandoned, untouched.Status);
        // Its units are free again.
        var made = Make(sale, [untouched], Threshold, null, new ReturnRequest(ibuprofen.Id, 3));
        made.RecordSending(1);

        var unanswered = Assert.Throws<DomainException>(() => made.Abandon(Now));
        Assert.Contains("may have gone through", unanswered.Message, StringComparison.Ordinal);
        made.RecordApproved(1, "RF-1", Now);
        made.RecordSending(2);
        made.RecordDeclined(2, "Do not honour");
        var refunded = Assert.Throws<DomainException>(() => made.Abandon(Now));

        Assert.StartsWith("$6.00 already went back to the customer's card and is recorded", refunded.Message, StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Pending, made.Status);
    }

    [Fact]
    public void A_pending_return_holds_its_units()
    {
        var (sale, ibuprofen) = TwoCardSale();
        var pending = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 2));

        var refused = Assert.Throws<DomainException>(() => Make(sale, [pending], Threshold, null, new ReturnRequest(ibuprofen.Id, 2)));

        Assert.Equal("Only 1 of Ibuprofen 24ct can still be returned (3 sold, 0 returned, 2 in a return that is not finished).", refused.Message);
    }

    [Fact]
    public void The_rest_of_a_declined_card_goes_back_in_cash_with_a_managers_approval_and_still_counts_against_that_card()
    {
        var (sale, ibuprofen) = TwoCardSale();
        var made = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 3));
        made.RecordSending(1);
        made.RecordApproved(1, "RF-1", Now);
        made.RecordSending(2);
        made.RecordDeclined(2, "Do not honour");

        Assert.Throws<DomainException>(() => made.HandBackRestInCash(Guid.Empty));
        made.HandBackRestInCash(Manager);
        made.Complete(Now);

        Assert.Equal(ReturnStatus.Completed, made.Status);
        Assert.Equal(Manager, made.CashInPlaceApprovedByUserId);
        Assert.Equal(RefundStatus.Withdrawn, made.Refund(2).Status);
        var cash = made.Refund(3);
        Assert.Equal((TenderKind.Cash, M(4.81m), RefundStatus.Approved), (cash.Kind, cash.Amount, cash.Status));
        Assert.Equal(made.Refund(2).OriginalTenderId, cash.OriginalTenderId);
        RefundLimits.EnsureWithinPaid(sale, [made]);
    }

    [Fact]
    public void Refunds_across_returns_never_exceed_what_each_tender_paid()
    {
        var (sale, ibuprofen) = TwoCardSale();
        var first = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 2));
        // A register that did not see the first return (a stale read): its own check passes, the check across all returns does not.
        var stale = Make(sale, [], Threshold, null, new ReturnRequest(ibuprofen.Id, 2));

        var refused = Assert.Throws<DomainException>(() => RefundLimits.EnsureWithinPaid(sale, [first, stale]));

        Assert.StartsWith("That would give back $12.00 to Visa **** 4242, which paid $6.00.", refused.Message, StringComparison.Ordinal);
        var rest = Make(sale, [first], Threshold, null, new ReturnRequest(ibuprofen.Id, 1));
        RefundLimits.EnsureWithinPaid(sale, [first, rest]);
        Assert.Equal(sale.AmountPaid, first.Total + rest.Total);
        Assert.Equal([M(6m), M(1.21m)], first.Refunds.OrderBy(r => r.Sequence).Select(r => r.Amount));
        Assert.Equal([M(3.60m)], rest.Refunds.Select(r => r.Amount));
        Assert.Contains("Ibuprofen 24ct", Assert.Throws<DomainException>(() => Make(sale, [first, rest], Threshold, null, new ReturnRequest(ibuprofen.Id, 1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_approval_threshold_counts_every_return_of_the_sale()
    {
        var (sale, ibuprofen) = TwoCardSale();
        var first = Make(sale, [], 8m, null, new ReturnRequest(ibuprofen.Id, 2));
        Assert.False(SaleReturn.Quote(sale, [], [new ReturnRequest(ibuprofen.Id, 1)], 8m).RequiresManagerApproval);

        var quote = SaleReturn.Quote(sale, [first], [new ReturnRequest(ibuprofen.Id, 1)], 8m);
        var refused = Assert.Throws<DomainException>(() => Make(sale, [first], 8m, null, new ReturnRequest(ibuprofen.Id, 1)));

        Assert.True(quote.RequiresManagerApproval);
        Assert.Equal(M(10.81m), quote.SaleRefundTotal);
        Assert.Equal("With this refund of $3.60, refunds on this sale come to $10.81: more than $8.00 needs a manager's approval.", refused.Message);
        Assert.Equal(Manager, Make(sale, [first], 8m, Manager, new ReturnRequest(ibuprofen.Id, 1)).ApprovedByUserId);
        // A cancelled return gave nothing back and does not count.
        first.Abandon(Now);
        Assert.False(SaleReturn.Quote(sale, [first], [new ReturnRequest(ibuprofen.Id, 1)], 8m).RequiresManagerApproval);
    }
}
