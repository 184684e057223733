using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Web.Features.Counter.Returns;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>
/// Returned units go back into the lots checkout took them from (<see cref="SaleLineLot"/>): the latest-expiring of
/// those lots first, each up to what the line took from it. Sales committed before lots were recorded fall back to
/// <see cref="LatestLotSaleLineLots"/>.
/// </summary>
public sealed class RecordedSaleLineLots : ISaleLineLots
{
    private readonly LatestLotSaleLineLots _fallback = new();

    public async Task<IReadOnlyList<LotQuantity>> RestockLotsAsync(PosDbContext db, Sale sale, SaleLine line, int quantity, DateOnly branchToday,
        CancellationToken cancellationToken)
    {
        var recorded = await (from taken in db.Set<SaleLineLot>()
                              join lot in db.Set<PharmacyPos.Domain.Inventory.StockLot>() on taken.LotId equals lot.Id
                              where taken.SaleLineId == line.Id
                              select new { taken.LotId, taken.Quantity, lot.Expiry })
            .ToListAsync(cancellationToken);
        if (recorded.Count == 0)
            return await _fallback.RestockLotsAsync(db, sale, line, quantity, branchToday, cancellationToken);
        var back = new List<LotQuantity>();
        var left = quantity;
        foreach (var lot in recorded.OrderByDescending(r => r.Expiry).ThenBy(r => r.LotId))
        {
            var units = Math.Min(left, lot.Quantity);
            if (units > 0)
                back.Add(new LotQuantity(lot.LotId, units));
            left -= units;
        }
        // More back than the line took (the return desk checks the sold quantity): the rest joins the latest lot.
        if (left > 0)
            back[0] = back[0] with { Quantity = back[0].Quantity + left };
        return back;
    }
}
