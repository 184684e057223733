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
/// </summary>
public sealed class SaleReturn : Entity
{
    public const string DispensedPrescription = "Dispensed prescription medicine cannot be returned (state pharmacy law).";

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
    public DateTimeOffset ReturnedAt { get; private set; }
    public Money Total { get; private set; }

    public IReadOnlyCollection<ReturnLine> Lines => _lines;
    public IReadOnlyCollection<RefundTender> Refunds => _refunds;

    /// <summary>
    /// Checks a return and works out its refund without making it. Refunds above
    /// <paramref name="approvalThreshold"/> (the branch's <c>RefundApprovalThreshold</c>) need a manager.
    /// </summary>
    public static RefundQuote Quote(Sale sale, IEnumerable<SaleReturn> earlierReturns, IEnumerable<ReturnRequest> requests,
        decimal approvalThreshold)
    {
        if (sale.Status != SaleStatus.Completed)
            throw new DomainException("Only a completed sale can be returned.");
        var earlier = earlierReturns.ToList();
        if (earlier.Any(r => r.SaleId != sale.Id))
            throw new ArgumentException("Earlier returns must be of the same sale.", nameof(earlierReturns));
        var wanted = requests.ToList();
        if (wanted.Count == 0)
            throw new DomainException("Choose at least one item to return.");

        var returnedUnits = new Dictionary<Guid, int>();
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
            if (left == 0)
                throw new DomainException($"Every unit of {line.Name} was already returned.");
            if (request.Quantity > left)
                throw new DomainException($"Only {left} of {line.Name} can still be returned ({line.Quantity} sold, {before} returned).");

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
        return new RefundQuote(lines, refunds, total, total > Money.Of(approvalThreshold));
    }

    /// <summary>Makes the return. A refund above the threshold is refused without a manager's approval.</summary>
    public static SaleReturn Create(Guid id, Sale sale, IEnumerable<SaleReturn> earlierReturns, IEnumerable<ReturnRequest> requests,
        decimal approvalThreshold, string registerId, Guid cashierUserId, DateTimeOffset returnedAt, Guid? approvedByUserId = null)
    {
        if (id == Guid.Empty)
            throw new ArgumentException("A return's id is made at the register and is never empty.", nameof(id));
        var quote = Quote(sale, earlierReturns, requests, approvalThreshold);
        if (quote.RequiresManagerApproval && (approvedByUserId is null || approvedByUserId == Guid.Empty))
            throw new DomainException($"A refund of {quote.Total} needs a manager's approval (more than {Money.Of(approvalThreshold)}).");
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
        };
        saleReturn._lines.AddRange(quote.Lines);
        saleReturn._refunds.AddRange(quote.Refunds);
        return saleReturn;
    }

    private static Money Share(Money lineFigure, int units, int sold) => Money.Of(lineFigure.Amount * units / sold);

    private static List<RefundTender> RefundTenders(Sale sale, List<SaleReturn> earlier, Money total, Money eligible)
    {
        var alreadyBack = earlier.SelectMany(r => r.Refunds)
            .Where(r => r.OriginalTenderId is not null)
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
