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

    /// <param name="Refused">Prescription-only products the cart held as store items; they are not on the rebuilt sale.</param>
    public sealed record Reopened(Rebuilt Rebuilt, IReadOnlyList<Product> Refused);

    /// <summary>
    /// Rebuilds the sale on the database's own product rows, as they are now: an item that became prescription-only,
    /// or a cart made up outside the register, is refused by the <see cref="Sale"/> aggregate and nothing commits.
    /// </summary>
    public static async Task<Rebuilt> RebuildAsync(PosDbContext db, CartSnapshot cart, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return await RebuildAsync(db, cart, await ProductsAsync(db, cart, ct), ct);
    }

    /// <summary>
    /// Rebuilds an open or suspended cart for the register. A cart saved before prescription-only drugs were refused as
    /// store items may still hold one: it comes back without those lines (the commit would refuse the whole sale
    /// otherwise), and the products are named so the register can say so.
    /// </summary>
    public static async Task<Reopened> ReopenAsync(PosDbContext db, CartSnapshot cart, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var products = await ProductsAsync(db, cart, ct);
        var refused = cart.Lines
            .Where(l => l.FillId is null && products.TryGetValue(l.ProductId, out var p) && Sale.StoreItemRefusal(p) is not null)
            .ToList();
        if (refused.Count == 0)
            return new Reopened(await RebuildAsync(db, cart, products, ct), []);
        var kept = cart with { Lines = [.. cart.Lines.Where(l => !refused.Contains(l))] };
        var named = refused.Where(l => l.VoidReason is null).Select(l => products[l.ProductId]).DistinctBy(p => p.Id).ToList();
        return new Reopened(await RebuildAsync(db, kept, products, ct), named);
    }

    private static async Task<Dictionary<Guid, Product>> ProductsAsync(PosDbContext db, CartSnapshot cart, CancellationToken ct)
    {
        var ids = cart.ProductIds.ToList();
        return await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
    }

    private static async Task<Rebuilt> RebuildAsync(PosDbContext db, CartSnapshot cart, Dictionary<Guid, Product> products, CancellationToken ct)
    {
        var branch = await db.Set<Branch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == cart.BranchId, ct)
            ?? throw new DomainException("This register's branch is not known; sign in again.");
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
