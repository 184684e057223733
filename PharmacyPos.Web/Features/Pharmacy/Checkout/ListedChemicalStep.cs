using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web.Features.Pharmacy.Checkout;

/// <summary>
/// Pseudoephedrine, ephedrine and phenylpropanolamine (21 CFR 1314): the purchaser's photo ID and signature,
/// the daily and 30-day limits counted across the whole chain with the purchaser's sales serialized, and a
/// logbook entry per line; a single package of not more than 60 mg of pseudoephedrine needs none of the logbook
/// (<see cref="SinglePackageExemption"/>).
/// </summary>
public sealed class ListedChemicalStep(IAuditTrail audit) : ISaleCommitStep
{
    public async Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken)
    {
        var (db, sale, branch) = (context.Db, context.Sale, context.Branch);
        var lines = sale.ActiveLines.ToList();
        if (lines.Count == 0)
            return;
        var productIds = lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var listed = lines.Where(l => products.GetValueOrDefault(l.ProductId)?.ListedChemical is not null).ToList();
        if (listed.Count == 0)
            return;

        var chemicalName = products[listed[0].ProductId].ListedChemical!.Chemical.ToString().ToLowerInvariant();
        var exempt = SinglePackageExemption.Applies(listed.Select(l => (products[l.ProductId], l.Quantity)));
        if (exempt && (context.Evidence.PurchaserId is null || context.Evidence.Signature is null))
        {
            // No logbook entry is needed (21 CFR 1314.30(a)(1)); the limits still hold for what this sale sells.
            foreach (var line in listed)
                ListedChemicalLimit.Check(products[line.ProductId], line.Quantity, context.At, branch, []).Decision.EnsureAllowed();
            return;
        }
        var purchaser = context.Evidence.PurchaserId
            ?? throw new DomainException($"Scan or enter the purchaser's photo ID before selling {chemicalName}.");
        var signature = context.Evidence.Signature
            ?? throw new DomainException("The purchaser must sign the logbook.");

        await PurchaserRecords.LockAsync(db, branch.Id, purchaser, cancellationToken);
        // Two days beyond the 30 so a purchase on the window's first day in any time zone is read; the rule counts the days.
        var prior = await PurchaserRecords.ListedChemicalPurchasesAsync(db, purchaser,
            context.At.AddDays(-(ListedChemicalLimit.ThirtyDayWindowDays + 2)), cancellationToken);

        // An exempt package bought with the ID shown and the logbook signed is logged all the same, so the
        // chain-wide limits count it.
        var results = new Dictionary<ListedChemical, ListedChemicalLimitResult>();
        foreach (var chemical in listed.GroupBy(l => products[l.ProductId].ListedChemical!.Chemical))
        {
            var grams = chemical.Sum(l => ListedChemicalLimit.BaseGrams(products[l.ProductId], l.Quantity));
            var result = ListedChemicalLimit.Check(chemical.Key, grams, context.At, branch, prior);
            result.Decision.EnsureAllowed();
            results[chemical.Key] = result;
        }

        var stored = PurchaserRecords.StageSignature(db, sale.Id, signature, context.At);
        foreach (var line in listed)
        {
            var product = products[line.ProductId];
            var entry = new LogbookEntry(product, line.Quantity, context.At, purchaser, stored.Reference, branch.Id, sale.CashierUserId, sale.Id);
            db.Add(entry);
            var result = results[entry.Chemical];
            audit.Stage(db, context.Actor, new AuditEntry(AuditEventTypes.ListedChemicalSold, nameof(LogbookEntry), entry.Id.ToString())
            {
                After = PurchaserRecords.Json(new
                {
                    saleId = sale.Id,
                    product = product.Name,
                    packages = entry.Packages,
                    baseGrams = entry.BaseGrams,
                    chemical = entry.Chemical.ToString(),
                    purchaser = purchaser.ToString(),
                    gramsTodayWithSale = result.GramsTodayWithSale,
                    gramsIn30DaysWithSale = result.GramsInWindowWithSale,
                }),
                ProductId = product.Id,
            });
        }
    }
}
