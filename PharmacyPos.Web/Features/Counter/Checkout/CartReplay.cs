using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>Reads what a cart needs from the database (branch, products, promotions) and rebuilds its sale.</summary>
public static class CartReplay
{
    public sealed record Rebuilt(Sale Sale, Branch Branch, IReadOnlyDictionary<Guid, Product> Products);

    public static async Task<Rebuilt> RebuildAsync(PosDbContext db, CartSnapshot cart, CancellationToken ct)
    {
        var branch = await db.Set<Branch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == cart.BranchId, ct)
            ?? throw new DomainException("This register's branch is not known; sign in again.");
        var ids = cart.ProductIds.ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var pricing = await PricingAtAsync(db, cart.PricedAt ?? cart.OpenedAt, ct);
        return new Rebuilt(cart.Rebuild(products, branch, pricing), branch, products);
    }

    /// <summary>The promotions running at an instant, in a stable order (the engine lets the first of two equal ones win).</summary>
    public static async Task<PricingEngine> PricingAtAsync(PosDbContext db, DateTimeOffset at, CancellationToken ct)
    {
        var rules = await db.Set<PricingRule>().AsNoTracking()
            .Where(r => r.ValidFrom <= at && r.ValidTo > at)
            .ToListAsync(ct);
        return new PricingEngine(rules.OrderBy(r => r.ValidFrom).ThenBy(r => r.Id));
    }
}
