using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>Units going back into one stock lot.</summary>
public sealed record LotQuantity(Guid LotId, int Quantity);

/// <summary>Which stock lot returned units of a sale line go back into: the lot they were sold from.</summary>
public interface ISaleLineLots
{
    /// <summary>
    /// Where <paramref name="quantity"/> returned, undamaged units of <paramref name="line"/> go back, read inside the
    /// return's unit of work. Refuses (DomainException) when there is no lot to put them in.
    /// </summary>
    Task<IReadOnlyList<LotQuantity>> RestockLotsAsync(PosDbContext db, Sale sale, SaleLine line, int quantity, DateOnly branchToday,
        CancellationToken cancellationToken);
}

/// <summary>
/// Until checkout records which lot each line's units came from: the lot the line names (a DataMatrix scan),
/// otherwise the product's latest-expiring lot at the branch that has not expired, which is the lot checkout
/// takes from last under first-expiry-first-out and so the likeliest source of a recent sale.
/// </summary>
public sealed class LatestLotSaleLineLots : ISaleLineLots
{
    public async Task<IReadOnlyList<LotQuantity>> RestockLotsAsync(PosDbContext db, Sale sale, SaleLine line, int quantity,
        DateOnly branchToday, CancellationToken cancellationToken)
    {
        if (line.LotId is { } named)
            return [new LotQuantity(named, quantity)];
        var lot = await db.Set<StockLot>()
            .Where(l => l.BranchId == sale.BranchId && l.ProductId == line.ProductId && l.Expiry >= branchToday)
            .OrderByDescending(l => l.Expiry)
            .Select(l => (Guid?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return lot is { } id
            ? [new LotQuantity(id, quantity)]
            : throw new DomainException($"There is no lot of {line.Name} in date at this branch to put it back into. Mark it damaged, or receive stock first.");
    }
}
