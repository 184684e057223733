using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>
/// Takes a sale's units off the shelf inside the sale's transaction: from the lot a DataMatrix scan named first,
/// then first-expiry-first-out from the branch's lots that are still in date on the branch's calendar. An expired
/// lot is never sold. Each decrement is one conditional UPDATE (<c>WHERE quantity_on_hand &gt;= n</c>), so two
/// registers selling the last units cannot both succeed: the second finds the row changed and is told plainly.
/// </summary>
public static class StockTaking
{
    public const string ExpiredLotMessage = "This pack is from an expired lot: take it off the shelf.";
    /// <summary>Tries on one lot whose count another register changed meanwhile, before moving on to the next lot.</summary>
    private const int AttemptsPerLot = 5;

    public static async Task<IReadOnlyList<SaleLineLot>> TakeAsync(PosDbContext db, Sale sale, Branch branch, DateTimeOffset at, CancellationToken ct)
    {
        var today = branch.LocalDate(at);
        var taken = new List<SaleLineLot>();
        // Rows are locked in one order (by product) at every register, so two sales never wait on each other in a circle.
        // A prescription fill's units left the shelf when the pharmacy dispensed it; the pickup takes nothing more.
        foreach (var line in sale.ActiveLines.Where(l => l.FillId is null).OrderBy(l => l.ProductId).ThenBy(l => l.LineNumber))
            taken.AddRange(await TakeLineAsync(db, sale.BranchId, line, today, ct));
        return taken;
    }

    private static async Task<List<SaleLineLot>> TakeLineAsync(PosDbContext db, Guid branchId, SaleLine line, DateOnly today, CancellationToken ct)
    {
        var lots = new List<Guid>();
        if (line.LotId is { } named)
        {
            var lot = await db.Set<StockLot>().AsNoTracking().Where(l => l.Id == named && l.BranchId == branchId)
                .Select(l => new { l.Id, l.Expiry }).SingleOrDefaultAsync(ct);
            if (lot is not null && lot.Expiry < today)
                throw new DomainException(ExpiredLotMessage);
            if (lot is not null)
                lots.Add(lot.Id);
        }
        var fefo = await db.Set<StockLot>().AsNoTracking()
            .Where(l => l.BranchId == branchId && l.ProductId == line.ProductId && l.Expiry >= today && l.QuantityOnHand > 0)
            .OrderBy(l => l.Expiry).ThenBy(l => l.Id)
            .Select(l => l.Id)
            .ToListAsync(ct);
        lots.AddRange(fefo.Where(id => !lots.Contains(id)));

        var need = line.Quantity;
        var result = new List<SaleLineLot>();
        foreach (var lotId in lots)
        {
            var took = await TakeFromLotAsync(db, lotId, need, ct);
            if (took > 0)
            {
                result.Add(new SaleLineLot(line.Id, lotId, took));
                need -= took;
            }
            if (need == 0)
                return result;
        }
        var available = line.Quantity - need;
        throw new DomainException(available == 0
            ? $"{line.Name} is out of stock."
            : $"Only {available} of {line.Name} left in stock.");
    }

    /// <summary>Takes up to <paramref name="wanted"/> units from one lot; returns how many it took.</summary>
    private static async Task<int> TakeFromLotAsync(PosDbContext db, Guid lotId, int wanted, CancellationToken ct)
    {
        for (var attempt = 0; attempt < AttemptsPerLot; attempt++)
        {
            var onHand = await db.Set<StockLot>().AsNoTracking().Where(l => l.Id == lotId).Select(l => l.QuantityOnHand).SingleAsync(ct);
            var take = Math.Min(onHand, wanted);
            if (take <= 0)
                return 0;
            var rows = await db.Set<StockLot>()
                .Where(l => l.Id == lotId && l.QuantityOnHand >= take)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityOnHand, l => l.QuantityOnHand - take), ct);
            if (rows == 1)
                return take;
        }
        return 0;
    }
}
