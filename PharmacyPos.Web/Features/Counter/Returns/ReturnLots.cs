using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>
/// Decides, when a return is recorded, which lot each returned unit came from, so it goes back where it was sold
/// from. For a line checkout recorded lots for: the latest-expiring of its lots first, each up to what the line took
/// from it less what earlier returns (still standing, damaged or not) already counted against it. A line scanned
/// from a named lot goes back to that lot. A sale recorded before lots were kept falls back to the product's
/// latest-expiring lot in date at the branch, the lot first-expiry-first-out takes from last.
/// </summary>
public sealed class ReturnLots(ISaleLineLots taken)
{
    public async Task<List<ReturnLineLot>> AllocateAsync(PosDbContext db, Sale sale, IReadOnlyList<SaleReturn> earlier, SaleReturn saleReturn,
        DateOnly branchToday, CancellationToken ct)
    {
        var standing = earlier.Where(r => r.Status != ReturnStatus.Abandoned && r.Id != saleReturn.Id).ToList();
        var result = new List<ReturnLineLot>();
        foreach (var group in saleReturn.Lines.GroupBy(l => l.SaleLineId))
        {
            var saleLine = sale.Line(group.Key);
            var lots = await taken.TakenFromAsync(db, saleLine.Id, ct);
            if (lots.Count == 0)
            {
                foreach (var line in group.Where(l => l.Restock))
                    result.Add(new ReturnLineLot(line.Id, await FallbackLotAsync(db, sale, saleLine, branchToday, ct), line.Quantity, restock: true));
                continue;
            }
            var left = await LeftInLotsAsync(db, lots, standing.SelectMany(r => r.Lines).Where(l => l.SaleLineId == saleLine.Id).ToList(), ct);
            // Units going back on the shelf are placed first, so they take the lots' places before damaged ones.
            foreach (var line in group.OrderBy(l => l.Damaged))
                result.AddRange(Place(line, lots, left));
        }
        return result;
    }

    /// <summary>What each lot can still take back: what the line took from it less what earlier returns counted against it.</summary>
    private static async Task<Dictionary<Guid, int>> LeftInLotsAsync(PosDbContext db, IReadOnlyList<LotQuantity> lots, List<ReturnLine> earlierLines,
        CancellationToken ct)
    {
        var left = lots.ToDictionary(l => l.LotId, l => l.Quantity);
        var ids = earlierLines.Select(l => l.Id).ToList();
        var counted = ids.Count == 0
            ? []
            : await db.Set<ReturnLineLot>().AsNoTracking().Where(x => ids.Contains(x.ReturnLineId)).ToListAsync(ct);
        foreach (var c in counted)
            left[c.LotId] = left.GetValueOrDefault(c.LotId) - c.Quantity;
        // Returns recorded before lots were kept for them: counted against the lots in the same order as now.
        var unplaced = earlierLines.Sum(l => l.Quantity) - counted.Sum(c => c.Quantity);
        foreach (var lot in lots)
        {
            var units = Math.Min(unplaced, Math.Max(0, left[lot.LotId]));
            left[lot.LotId] -= units;
            unplaced -= units;
        }
        return left;
    }

    private static List<ReturnLineLot> Place(ReturnLine line, IReadOnlyList<LotQuantity> lots, Dictionary<Guid, int> left)
    {
        var placed = new Dictionary<Guid, int>();
        var need = line.Quantity;
        foreach (var lot in lots)
        {
            var units = Math.Min(need, Math.Max(0, left[lot.LotId]));
            if (units == 0)
                continue;
            placed[lot.LotId] = units;
            left[lot.LotId] -= units;
            need -= units;
        }
        // More back than the lots record (the sale's quantity is checked before): the rest joins the latest lot.
        if (need > 0)
            placed[lots[0].LotId] = placed.GetValueOrDefault(lots[0].LotId) + need;
        return placed.Select(p => new ReturnLineLot(line.Id, p.Key, p.Value, line.Restock)).ToList();
    }

    private static async Task<Guid> FallbackLotAsync(PosDbContext db, Sale sale, SaleLine line, DateOnly branchToday, CancellationToken ct)
    {
        if (line.LotId is { } named && await db.Set<StockLot>().AnyAsync(l => l.Id == named && l.BranchId == sale.BranchId, ct))
            return named;
        var lot = await db.Set<StockLot>()
            .Where(l => l.BranchId == sale.BranchId && l.ProductId == line.ProductId && l.Expiry >= branchToday)
            .OrderByDescending(l => l.Expiry)
            .Select(l => (Guid?)l.Id)
            .FirstOrDefaultAsync(ct);
        return lot ?? throw new DomainException(
            $"There is no lot of {line.Name} in date at this branch to put it back into. Mark it damaged, or receive stock first.");
    }
}
