using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// Items brought back from a completed sale, and the refund for them. The sale itself never changes;
/// earlier returns of the same sale are passed in so no unit is returned, or refunded, twice.
/// <para>
/// Refund rule: a line is refunded for what the customer paid for it, after every discount, plus its tax.
/// For a return that brings the units returned from a line to k of the n sold, the refund is
/// the line's amount times k / n, rounded to the cent half away from zero, less what earlier returns of the line
/// already refunded (the same for its tax). Partial returns therefore never add up to more than was paid, and the
/// return of the last unit refunds the line to the cent.
/// </para>
/// <para>
/// Tender rule: the refund goes back the way it was paid. First FSA/HSA cards, for the eligible items returned
/// (with their tax) at most; then the other cards; each card at most what it paid less what earlier returns gave back
/// to it, cards in the order they were taken; whatever is left is handed back in cash.
/// </para>
/// <para>
/// Life: a return is recorded <see cref="ReturnStatus.Pending"/> with its planned refunds before any card is refunded;
/// each refund is recorded as the terminal approves it; the return completes when every refund is given back. A pending
/// return holds its units (no other return takes them). It can be abandoned only while nothing has gone back; once a
/// card was refunded it must complete as recorded (the rest, if a card keeps declining, handed back in cash with a
/// manager's approval).
/// </para>
/// </summary>
public sealed class SaleReturn : Entity
{
    public const string DispensedPrescription = "Dispensed prescription medicine cannot be returned (state pharmacy law).";
    public const int ReasonMaxLength = 200;

    private readonly List<ReturnLine> _lines = [];
    private readonly List<RefundTender> _refunds = [];

    private SaleReturn() { }

    public Guid SaleId { get; private set; }
    public string SaleNumber { get; private set; } = "";
    public Guid BranchId { get; private set; }
    public string RegisterId { get; private set; } = "";
    public Guid CashierUserId { get; private set; }
    /// <summary>The manager who approved a refund above the branch's threshold.</summary>
    public Guid? ApprovedByUserId { get; private set; }
    /// <summary>When the return was recorded at the register (before any refund).</summary>
    public DateTimeOffset ReturnedAt { get; private set; }
    public Money Total { get; private set; }
    public ReturnStatus Status { get; private set; }
    /// <summary>Why the customer brought the items back, as the cashier typed it.</summary>
    public string Reason { get; private set; } = "";
    /// <summary>When it completed or was abandoned.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>The manager who approved handing back in cash what a card would not take.</summary>
    public Guid? CashInPlaceApprovedByUserId { get; private set; }

    public IReadOnlyCollection<ReturnLine> Lines => _lines;
    public IReadOnlyCollection<RefundTender> Refunds => _refunds;

    /// <summary>Card refunds the terminal has not yet approved.</summary>
    public IEnumerable<RefundTender> OutstandingCardRefunds =>
        _refunds.Where(r => r.IsCard && r.Status is RefundStatus.Planned or RefundStatus.Sent or RefundStatus.Declined).OrderBy(r => r.Sequence);

    /// <summary>Money already given back to a card for this return.</summary>
    public Money GivenToCards => RefundLimits.Sum(_refunds.Where(r => r.IsCard && r.Status == RefundStatus.Approved).Select(r => r.Amount));

    /// <summary>
    /// Checks a return and works out its refund without making it. Refunds above
    /// <paramref name="approvalThreshold"/> (the branch's <c>RefundApprovalThreshold</c>) need a manager.
    /// </summary>
    public static RefundQuote Quote(Sale sale, IEnumerable<SaleReturn> earlierReturns, IEnumerable<ReturnRequest> requests,
        decimal approvalThreshold)
    {
        if (sale.Status != SaleStatus.Completed)
            throw new DomainException("Only a completed sale can be returned.");
        var all = earlierReturns.ToList();
        if (all.Any(r => r.SaleId != sale.Id))
            throw new ArgumentException("Earlier returns must be of the same sale.", nameof(earlierReturns));
        // An abandoned return gave nothing back; a pending one holds its units and its refunds like a completed one.
        var earlier = all.Where(r => r.Status != ReturnStatus.Abandoned).ToList();
        var wanted = requests.ToList();
        if (wanted.Count == 0)
            throw new DomainException("Choose at least one item to return.");

        var returnedUnits = new Dictionary<Guid, int>();
        var heldUnits = new Dictionary<Guid, int>();
        foreach (var line in earlier.Where(r => r.Status == ReturnStatus.Pending).SelectMany(r => r.Lines))
            heldUnits[line.SaleLineId] = heldUnits.GetValueOrDefault(line.SaleLineId) + line.Quantity;
        var refundedAmount = new Dictionary<Guid, Money>();
        var refundedTax = new Dictionary<Guid, Money>();
        foreach (var line in earlier.SelectMany(r => r.Lines))
        {
            returnedUnits[line.SaleLineId] = returnedUnits.GetValueOrDefault(line.SaleLineId) + line.Quantity;
            refundedAmount[line.SaleLineId] = refundedAmount.GetValueOrDefault(line.SaleLineId) + line.RefundAmount;
            refundedTax[line.SaleLineId] = refundedTax.GetValueOrDefault(line.SaleLineId) + line.RefundTax;
        }

        var lines = new List<ReturnLine>();
        foreach (var request in wanted)
        {
            var line = sale.Lines.FirstOrDefault(l => l.Id == request.SaleLineId)
                ?? throw new DomainException("That item is not on this sale.");
            if (line.IsVoided)
                throw new DomainException($"{line.Name} was removed from the sale; nothing was paid for it.");
            if (line.IsPrescription)
                throw new DomainException(DispensedPrescription);
            if (request.Quantity < 1)
                throw new DomainException("Return at least one unit.");
            var before = returnedUnits.GetValueOrDefault(line.Id);
            var left = line.Quantity - before;
            var held = heldUnits.GetValueOrDefault(line.Id);
            if (left == 0)
                throw new DomainException(held > 0
                    ? $"{line.Name} is in a return that is not finished. Finish that return or cancel it first."
                    : $"Every unit of {line.Name} was already returned.");
            if (request.Quantity > left)
                throw new DomainException(held > 0
                    ? $"Only {left} of {line.Name} can still be returned ({line.Quantity} sold, {before - held} returned, {held} in a return that is not finished)."
                    : $"Only {left} of {line.Name} can still be returned ({line.Quantity} sold, {before} returned).");

            var after = before + request.Quantity;
            var amount = Share(line.Amount, after, line.Quantity) - refundedAmount.GetValueOrDefault(line.Id);
            var tax = Share(line.Tax, after, line.Quantity) - refundedTax.GetValueOrDefault(line.Id);
            lines.Add(new ReturnLine(line, request.Quantity, request.Damaged, amount, tax));
            returnedUnits[line.Id] = after;
            refundedAmount[line.Id] = refundedAmount.GetValueOrDefault(line.Id) + amount;
            refundedTax[line.Id] = refundedTax.GetValueOrDefault(line.Id) + tax;
        }

        var total = Sum(lines.Select(l => l.Refund));
        var eligible = Sum(lines.Where(l => sale.Line(l.SaleLineId).FsaHsaEligible).Select(l => l.Refund));
        var refunds = RefundTenders(sale, earlier, total, eligible);
        // The threshold counts every return of the sale still standing, so small returns do not add up unapproved.
        var saleRefunds = Sum(earlier.Select(r => r.Total)) + total;
        var threshold = Money.Of(approvalThreshold);
        return new RefundQuote(lines, refunds, total, saleRefunds > threshold, saleRefunds, threshold);
    }

    /// <summary>
    /// Records the return, pending, with its planned refunds. A refund above the threshold (counting the sale's earlier
    /// returns) is refused without a manager's approval; so is anything that would give back more than was paid.
    /// </summary>
    public static SaleReturn Create(Guid id, Sale sale, IEnumerable<SaleReturn> earlierReturns, IEnumerable<ReturnRequest> requests,
        decimal approvalThreshold, string registerId, Guid cashierUserId, DateTimeOffset returnedAt, Guid? approvedByUserId = null,
        string? reason = null)
    {
        if (id == Guid.Empty)
            throw new ArgumentException("A return's id is made at the register and is never empty.", nameof(id));
        var earlier = earlierReturns.ToList();
        if (earlier.Any(r => r.Id == id))
            throw new ArgumentException("This return is already recorded.", nameof(id));
        var quote = Quote(sale, earlier, requests, approvalThreshold);
        if (quote.RequiresManagerApproval && (approvedByUserId is null || approvedByUserId == Guid.Empty))
            throw new DomainException(quote.ApprovalReason);
        var text = (reason ?? "").Trim();
        if (text.Length > ReasonMaxLength)
            throw new DomainException($"Keep the reason under {ReasonMaxLength} characters.");
        var register = (registerId ?? string.Empty).Trim();
        if (register.Length is 0 or > Sale.RegisterIdMaxLength)
            throw new DomainException("The register is required.");

        var saleReturn = new SaleReturn
        {
            Id = id,
            SaleId = sale.Id,
            SaleNumber = sale.SaleNumber,
            BranchId = sale.BranchId,
            RegisterId = register,
            CashierUserId = cashierUserId,
            ApprovedByUserId = quote.RequiresManagerApproval ? approvedByUserId : null,
            ReturnedAt = returnedAt.ToUniversalTime(),
            Total = quote.Total,
            Status = ReturnStatus.Pending,
            Reason = text,
        };
        saleReturn._lines.AddRange(quote.Lines);
        saleReturn._refunds.AddRange(quote.Refunds);
        for (var i = 0; i < saleReturn._refunds.Count; i++)
            saleReturn._refunds[i].Plan(id, i + 1);
        RefundLimits.EnsureWithinPaid(sale, [.. earlier, saleReturn]);
        return saleReturn;
    }

    /// <summary>The refund at <paramref name="sequence"/> in this return.</summary>
    public RefundTender Refund(int sequence) => _refunds.SingleOrDefault(r => r.Sequence == sequence)
        ?? throw new ArgumentOutOfRangeException(nameof(sequence), "This return has no refund at that place.");

    /// <summary>Recorded (and committed) before the terminal is asked for this refund: from then on it may have gone through.</summary>
    public void RecordSending(int sequence)
    {
        EnsurePending();
        Refund(sequence).Send();
    }

    /// <summary>The terminal approved a card refund: recorded at once, whatever happens next.</summary>
    public void RecordApproved(int sequence, string? terminalReference, DateTimeOffset at) => Refund(sequence).Approve(terminalReference, at);

    /// <summary>The terminal declined a card refund: nothing went back; the next attempt asks under a new key.</summary>
    public void RecordDeclined(int sequence, string message)
    {
        EnsurePending();
        Refund(sequence).Decline(message);
    }

    /// <summary>The cashier tries again: each declined card refund gets a new key; one with no answer keeps its key.</summary>
    public void RetryDeclined()
    {
        EnsurePending();
        foreach (var refund in _refunds)
            refund.Retry(Id);
    }

    /// <summary>Every card refund is given back: the cash is handed over and the return is final.</summary>
    public void Complete(DateTimeOffset at)
    {
        if (Status == ReturnStatus.Completed)
            return;
        EnsurePending();
        if (OutstandingCardRefunds.FirstOrDefault() is { } owed)
            throw new DomainException($"The refund of {owed.Amount} to {owed.CardBrand} **** {owed.CardLastFour?.Value} has not gone through yet.");
        foreach (var cash in _refunds.Where(r => !r.IsCard && r.Status == RefundStatus.Planned))
            cash.Approve(null, at);
        Status = ReturnStatus.Completed;
        ClosedAt = at.ToUniversalTime();
    }

    /// <summary>
    /// Cancels a return nothing has gone back for: its units are free again. Once a card was refunded the return cannot
    /// vanish (that money is gone and recorded): it completes, with the rest handed back in cash.
    /// </summary>
    public void Abandon(DateTimeOffset at)
    {
        if (Status == ReturnStatus.Abandoned)
            return;
        EnsurePending();
        if (GivenToCards > Money.Zero)
            throw new DomainException($"{GivenToCards} already went back to the customer's card and is recorded, so this return cannot be cancelled. Try the card again, or hand back the rest in cash.");
        EnsureNoneUnanswered();
        foreach (var refund in _refunds)
            refund.Withdraw();
        Status = ReturnStatus.Abandoned;
        ClosedAt = at.ToUniversalTime();
    }

    /// <summary>
    /// A card keeps declining its refund: with a manager's approval, what it was owed is handed back in cash instead,
    /// still counted against that card's payment. The return can then complete.
    /// </summary>
    public void HandBackRestInCash(Guid approvedByUserId)
    {
        EnsurePending();
        if (approvedByUserId == Guid.Empty)
            throw new DomainException("A manager must approve handing a card refund back in cash.");
        EnsureNoneUnanswered();
        var owed = OutstandingCardRefunds.ToList();
        if (owed.Count == 0)
            return;
        var next = _refunds.Max(r => r.Sequence);
        foreach (var card in owed)
        {
            card.Withdraw();
            var cash = RefundTender.CashInPlaceOf(card);
            cash.Plan(Id, ++next);
            _refunds.Add(cash);
        }
        CashInPlaceApprovedByUserId = approvedByUserId;
    }

    private void EnsureNoneUnanswered()
    {
        if (_refunds.FirstOrDefault(r => r.Status == RefundStatus.Sent) is { } unanswered)
            throw new DomainException($"The terminal has not answered for the refund of {unanswered.Amount} to {unanswered.CardBrand} **** {unanswered.CardLastFour?.Value}: it may have gone through. Try the refund again to find out first.");
    }

    private void EnsurePending()
    {
        if (Status != ReturnStatus.Pending)
            throw new DomainException(Status == ReturnStatus.Completed
                ? "This return is already complete."
                : "This return was cancelled; nothing was refunded. Start a new return.");
    }

    private static Money Share(Money lineFigure, int units, int sold) => Money.Of(lineFigure.Amount * units / sold);

    private static List<RefundTender> RefundTenders(Sale sale, List<SaleReturn> earlier, Money total, Money eligible)
    {
        var alreadyBack = earlier.SelectMany(r => r.Refunds)
            .Where(r => r.OriginalTenderId is not null && r.Counts)
            .GroupBy(r => r.OriginalTenderId!.Value)
            .ToDictionary(g => g.Key, g => Sum(g.Select(r => r.Amount)));
        var cards = sale.Tenders.OrderBy(t => t.Sequence).ToList();

        var refunds = new List<RefundTender>();
        var left = total;
        var eligibleLeft = Money.Min(eligible, total);
        foreach (var tender in cards.Where(t => t.Kind == TenderKind.FsaHsaCard))
        {
            var give = Money.Min(Money.Min(left, eligibleLeft), tender.Amount - alreadyBack.GetValueOrDefault(tender.Id));
            if (give.Amount <= 0)
                continue;
            refunds.Add(new RefundTender(tender, tender.Kind, give));
            left -= give;
            eligibleLeft -= give;
        }
        foreach (var tender in cards.Where(t => t.Kind == TenderKind.Card))
        {
            var give = Money.Min(left, tender.Amount - alreadyBack.GetValueOrDefault(tender.Id));
            if (give.Amount <= 0)
                continue;
            refunds.Add(new RefundTender(tender, tender.Kind, give));
            left -= give;
        }
        if (left.Amount > 0)
            refunds.Add(new RefundTender(cards.FirstOrDefault(t => t.Kind == TenderKind.Cash), TenderKind.Cash, left));
        return refunds;
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);
}
