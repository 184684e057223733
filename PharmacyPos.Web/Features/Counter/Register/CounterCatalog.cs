using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Catalog.Scanning;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>Finds what was scanned: the product by its barcode or NDC and, for a DataMatrix, the lot at this branch.</summary>
public sealed class CounterCatalog(IDbContextFactory<PosDbContext> factory)
{
    public sealed record Found(Product? Product, Guid? LotId, string? Refusal);

    public async Task<Found> FindAsync(ScannedCode code, Guid branchId, DateOnly today, CancellationToken ct = default)
    {
        if (code.Kind is not (ScannedCodeKind.Product or ScannedCodeKind.Ndc))
            throw new ArgumentException("Only product barcodes and NDCs name a product.", nameof(code));
        if (code.Expiry is { } expiry && expiry < today)
            return new Found(null, null, StockTaking.ExpiredLotMessage);
        await using var db = await factory.CreateDbContextAsync(ct);
        var products = db.Set<Product>().AsNoTracking();
        Product? product = null;
        if (code.Gtin is { } gtin)
            product = await products.SingleOrDefaultAsync(p => p.Gtin == gtin, ct);
        // A drug's barcode holds its NDC; the catalog may know the drug by NDC under another package code.
        foreach (var ndc in code.NdcCandidates)
        {
            if (product is not null)
                break;
            product = await products.Where(p => p.Ndc == ndc).OrderBy(p => p.Name).FirstOrDefaultAsync(ct);
        }
        if (product is null)
            return new Found(null, null, $"\"{code.Text}\" is not in the catalog. Check the item, or type its name to search.");
        if (!product.Active)
            return new Found(null, null, $"{product.Name} is no longer sold.");
        if (code.Lot is not { } lotNumber)
            return new Found(product, null, null);
        var lot = await db.Set<StockLot>().AsNoTracking()
            .SingleOrDefaultAsync(l => l.BranchId == branchId && l.ProductId == product.Id && l.LotNumber == lotNumber, ct);
        if (lot is not null && lot.IsExpiredOn(today))
            return new Found(null, null, StockTaking.ExpiredLotMessage);
        return new Found(product, lot?.Id, null);
    }

    public async Task<Product?> ProductAsync(Guid productId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, ct);
    }

    /// <summary>Units in date at the branch for each product, to warn before payment rather than after.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> InDateStockAsync(Guid branchId, IReadOnlyCollection<Guid> productIds, DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<StockLot>().AsNoTracking()
            .Where(l => l.BranchId == branchId && productIds.Contains(l.ProductId) && l.Expiry >= today)
            .GroupBy(l => l.ProductId)
            .Select(g => new { g.Key, Units = g.Sum(l => l.QuantityOnHand) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Units);
    }
}
