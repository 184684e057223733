using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web.Features.Pharmacy.Checkout;

/// <summary>
/// Age-restricted items (nicotine, dextromethorphan): where the branch checks ages, an ID check made today
/// (the branch's date) must have passed for the item's minimum age.
/// </summary>
public sealed class AgeCheckStep(IAuditTrail audit) : ISaleCommitStep
{
    public async Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken)
    {
        var (db, sale, branch) = (context.Db, context.Sale, context.Branch);
        if (!branch.Policy.AgeChecksEnabled)
            return;
        var productIds = sale.ActiveLines.Select(l => l.ProductId).Distinct().ToList();
        if (productIds.Count == 0)
            return;
        var restricted = await db.Set<Product>().AsNoTracking()
            .Where(p => productIds.Contains(p.Id) && p.MinimumAge != null)
            .ToListAsync(cancellationToken);

        var today = branch.LocalDate(context.At);
        foreach (var product in restricted.OrderByDescending(p => p.MinimumAge))
        {
            var minimum = product.MinimumAge!.Value;
            var todays = context.Evidence.AgeChecks.Where(c => c.LocalDate == today && c.MinimumAge >= minimum).ToList();
            var passed = todays.Where(c => c.Passed).MaxBy(c => c.At);
            if (passed is null)
            {
                var failed = context.Evidence.AgeChecks.Where(c => c.LocalDate == today && !c.Passed && c.MinimumAge <= minimum).MaxBy(c => c.At);
                throw new DomainException(failed?.Decision.Reason ?? AgeCheck.Requirement(product, branch).Reason);
            }
            audit.Stage(db, context.Actor, new AuditEntry(AuditEventTypes.AgeVerified, "Sale", sale.Id.ToString())
            {
                After = PurchaserRecords.Json(new
                {
                    product = product.Name,
                    minimumAge = minimum,
                    age = passed.Age,
                    localDate = passed.LocalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    checkedBy = passed.CheckedBy,
                }),
                ProductId = product.Id,
            });
        }
    }
}
