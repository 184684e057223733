using Microsoft.EntityFrameworkCore;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>Reads and writes open carts: one small write after every change at the register.</summary>
public sealed class OpenCartStore(IDbContextFactory<PosDbContext> factory, TimeProvider time)
{
    public sealed record SuspendedCart(Guid SaleId, string SaleNumber, string Register, int ItemCount, decimal Total, DateTimeOffset UpdatedAt);

    /// <summary>The sale open at a register, if any.</summary>
    public async Task<CartSnapshot?> FindOpenAsync(Guid branchId, string register, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<OpenCart>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.BranchId == branchId && c.Register == register && c.Status == OpenCartStatus.Open, ct);
        return row?.Snapshot();
    }

    public async Task<CartSnapshot?> FindAsync(Guid saleId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<OpenCart>().AsNoTracking().SingleOrDefaultAsync(c => c.SaleId == saleId, ct);
        return row?.Snapshot();
    }

    public async Task SaveAsync(CartSnapshot snapshot, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<OpenCart>().SingleOrDefaultAsync(c => c.SaleId == snapshot.SaleId, ct);
        if (row is null)
            db.Add(new OpenCart(snapshot, time.GetUtcNow()));
        else
            row.Update(snapshot, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Guid saleId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Set<OpenCart>().Where(c => c.SaleId == saleId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Sales put aside at a branch, oldest first.</summary>
    public async Task<IReadOnlyList<SuspendedCart>> SuspendedAsync(Guid branchId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<OpenCart>().AsNoTracking()
            .Where(c => c.BranchId == branchId && c.Status == OpenCartStatus.Suspended)
            .Select(c => new SuspendedCart(c.SaleId, c.SaleNumber, c.Register, c.ItemCount, c.Total, c.UpdatedAt))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.UpdatedAt)];
    }
}
