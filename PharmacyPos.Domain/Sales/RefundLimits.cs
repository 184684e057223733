using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// Never more back than was paid: across every return of a sale still standing (pending or completed), what goes
/// back through each tender is at most what that tender paid, and everything together at most what the sale took.
/// Checked when a return is made and again where it is committed, under the sale's lock.
/// </summary>
public static class RefundLimits
{
    public static void EnsureWithinPaid(Sale sale, IEnumerable<SaleReturn> returns)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var refunds = returns.Where(r => r.SaleId == sale.Id && r.Status != ReturnStatus.Abandoned)
            .SelectMany(r => r.Refunds).Where(r => r.Counts).ToList();
        foreach (var tender in sale.Tenders)
        {
            var back = Sum(refunds.Where(r => r.OriginalTenderId == tender.Id).Select(r => r.Amount));
            if (back > tender.Amount)
                throw new DomainException(tender.IsCard
                    ? $"That would give back {back} to {tender.CardBrand} **** {tender.CardLastFour?.Value}, which paid {tender.Amount}. Nothing was refunded."
                    : $"That would give back {back} in cash, and {tender.Amount} was paid in cash. Nothing was refunded.");
        }
        var total = Sum(refunds.Select(r => r.Amount));
        var paid = Money.Min(sale.AmountPaid, sale.Total);
        if (total > paid)
            throw new DomainException($"Refunds on this sale would come to {total}, more than the {paid} paid. Nothing was refunded.");
    }

    internal static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);
}
