using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Web.Features.Counter.Returns;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>The lots checkout took a line's units from (<see cref="SaleLineLot"/>), the latest-expiring first.</summary>
public sealed class RecordedSaleLineLots : ISaleLineLots
{
    public async Task<IReadOnlyList<LotQuantity>> TakenFromAsync(PosDbContext db, Guid saleLineId, CancellationToken cancellationToken)
    {
        var recorded = await (from taken in db.Set<SaleLineLot>()
                              join lot in db.Set<StockLot>() on taken.LotId equals lot.Id
                              where taken.SaleLineId == saleLineId
                              select new { taken.LotId, taken.Quantity, lot.Expiry })
            .ToListAsync(cancellationToken);
        return recorded.OrderByDescending(r => r.Expiry).ThenBy(r => r.LotId).Select(r => new LotQuantity(r.LotId, r.Quantity)).ToList();
    }
}
