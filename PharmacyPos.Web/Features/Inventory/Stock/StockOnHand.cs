using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Inventory.Stock;

/// <summary>Lots on hand at a branch, with expiry judged on the branch's own calendar date.</summary>
public sealed class StockOnHand(IDbContextFactory<PosDbContext> factory, TimeProvider time)
{
    public const int ExpiringSoonDays = 90;

    public enum Filter { All, ExpiringSoon, Expired }

    public sealed record Row(string ProductName, string LotNumber, DateOnly Expiry, int QuantityOnHand, bool Expired);

    public async Task<IReadOnlyList<Row>> ListAsync(Guid branchId, Filter filter, int max, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);
        var today = branch.LocalDate(time.GetUtcNow());
        var soon = today.AddDays(ExpiringSoonDays);
        var lots = from lot in db.Set<StockLot>().AsNoTracking()
                   join product in db.Set<Product>() on lot.ProductId equals product.Id
                   where lot.BranchId == branchId && lot.QuantityOnHand > 0
                   select new { lot, product.Name };
        lots = filter switch
        {
            Filter.All => lots,
            Filter.ExpiringSoon => lots.Where(x => x.lot.Expiry >= today && x.lot.Expiry <= soon),
            Filter.Expired => lots.Where(x => x.lot.Expiry < today),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
        };
        var rows = await lots.OrderBy(x => x.lot.Expiry).ThenBy(x => x.Name).Take(max).ToListAsync(ct);
        return rows.Select(x => new Row(x.Name, x.lot.LotNumber, x.lot.Expiry, x.lot.QuantityOnHand, x.lot.IsExpiredOn(today))).ToList();
    }
}
