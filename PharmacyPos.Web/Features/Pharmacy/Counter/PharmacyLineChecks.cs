using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Features.Pharmacy.Components;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Counter;

/// <summary>
/// Pseudoephedrine and the other listed chemicals at scan time: the purchaser's photo ID is asked for once per sale,
/// and the chain-wide daily and 30-day limits are checked against the logbook before the pack goes in the bag, so
/// the cashier is told at once (with the figures) rather than at payment. The commit step checks again under the
/// purchaser's lock; this check is the early word. Every refusal is recorded for the audit trail.
/// </summary>
public sealed class ListedChemicalLineCheck(IDbContextFactory<PosDbContext> factory, CounterAsk ask, IAuditTrail audit, TimeProvider time) : ILineAddingCheck
{
    public async Task<string?> CheckAsync(LineAdding adding, CancellationToken cancellationToken)
    {
        var (session, product) = (adding.Session, adding.Product);
        if (product.ListedChemical is not { } content)
            return null;
        var evidence = session.Evidence;
        var now = time.GetUtcNow();
        if (evidence.PurchaserId is null && await IsSingleExemptPackageAsync(adding, cancellationToken))
            return null;
        if (evidence.PurchaserId is null)
        {
            var id = await ask.AskAsync<PhotoIdDialog, PhotoId>("Purchaser's photo ID", new DialogParameters<PhotoIdDialog>
            {
                { d => d.Today, session.Branch.LocalDate(now) },
            });
            if (id is null)
                return $"{product.Name} is sold only to a purchaser who shows a photo ID; it was not added.";
            evidence.PurchaserId = id;
        }
        var purchaser = evidence.PurchaserId;

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var onSale = session.Sale.ActiveLines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => onSale.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var gramsOnSale = session.Sale.ActiveLines
            .Where(l => products.GetValueOrDefault(l.ProductId)?.ListedChemical?.Chemical == content.Chemical)
            .Sum(l => ListedChemicalLimit.BaseGrams(products[l.ProductId], l.Quantity));
        var prior = await PurchaserRecords.ListedChemicalPurchasesAsync(db, purchaser,
            now.AddDays(-(ListedChemicalLimit.ThirtyDayWindowDays + 2)), cancellationToken);
        var result = ListedChemicalLimit.Check(content.Chemical, gramsOnSale + ListedChemicalLimit.BaseGrams(product, adding.Quantity),
            now, session.Branch, prior);
        if (!result.Decision.IsRefused)
            return null;

        await audit.RecordAsync(session.Actor, new AuditEntry(AuditEventTypes.ListedChemicalRefused, "Sale", session.Sale.Id.ToString())
        {
            After = PurchaserRecords.Json(new
            {
                product = product.Name,
                chemical = content.Chemical.ToString(),
                purchaser = purchaser.ToString(),
                gramsOnSale = result.ProposedGrams,
                gramsTodayWithSale = result.GramsTodayWithSale,
                gramsIn30DaysWithSale = result.GramsInWindowWithSale,
                register = session.Register,
            }),
            Reason = result.Decision.Reason,
            ProductId = product.Id,
        }, cancellationToken);
        return result.Decision.Reason;
    }

    /// <summary>This package alone is the sale's only listed chemical and needs no logbook entry (21 CFR 1314.30(a)(1)).</summary>
    private async Task<bool> IsSingleExemptPackageAsync(LineAdding adding, CancellationToken ct)
    {
        if (!SinglePackageExemption.Applies([(adding.Product, adding.Quantity)]))
            return false;
        var onSale = adding.Session.Sale.ActiveLines.Select(l => l.ProductId).Distinct().ToList();
        if (onSale.Count == 0)
            return true;
        await using var db = await factory.CreateDbContextAsync(ct);
        return !await db.Set<Product>().AsNoTracking().AnyAsync(p => onSale.Contains(p.Id) && p.ListedChemical != null, ct);
    }
}

/// <summary>
/// Age-restricted items (nicotine, dextromethorphan) where the branch checks ages: one passing check today for the
/// item's age (or older) covers the sale; otherwise the cashier checks the ID, and an under-age purchaser is refused.
/// </summary>
public sealed class AgeRestrictedLineCheck(CounterAsk ask, TimeProvider time) : ILineAddingCheck
{
    public async Task<string?> CheckAsync(LineAdding adding, CancellationToken cancellationToken)
    {
        var (session, product) = (adding.Session, adding.Product);
        if (!AgeCheck.IsRequired(product, session.Branch))
            return null;
        var minimum = product.MinimumAge!.Value;
        var today = session.Branch.LocalDate(time.GetUtcNow());
        if (session.Evidence.AgeChecks.Any(c => c.Passed && c.LocalDate == today && c.MinimumAge >= minimum))
            return null;
        var check = await ask.AskAsync<AgeCheckDialog, AgeCheck>("Check the purchaser's age", new DialogParameters<AgeCheckDialog>
        {
            { d => d.ProductName, product.Name },
            { d => d.MinimumAge, minimum },
            { d => d.Branch, session.Branch },
            { d => d.CheckedBy, session.CashierId },
            { d => d.DateOfBirth, session.Evidence.PurchaserId?.DateOfBirth },
        });
        if (check is null)
            return AgeCheck.Requirement(product, session.Branch).Reason;
        session.Evidence.AgeChecks.Add(check);
        return check.Passed ? null : check.Decision.Reason;
    }
}

/// <summary>
/// Schedule V medicines without a prescription (21 CFR 1306.26): refused where the branch does not sell them;
/// elsewhere the purchaser's photo ID, the chain-wide units in 48 hours, and a pharmacist's approval at the counter,
/// kept with the sale so the commit step records who approved it.
/// </summary>
public sealed class ScheduleVOtcLineCheck(IDbContextFactory<PosDbContext> factory, CounterAsk ask, IAuditTrail audit, TimeProvider time) : ILineAddingCheck
{
    public async Task<string?> CheckAsync(LineAdding adding, CancellationToken cancellationToken)
    {
        var (session, product) = (adding.Session, adding.Product);
        if (product.Schedule != DeaSchedule.V || product.RxOnly)
            return null;
        var evidence = session.Evidence;
        var now = time.GetUtcNow();
        var units = session.Sale.ActiveLines.Where(l => l.ProductId == product.Id && !l.IsPrescription).Sum(l => l.Quantity) + adding.Quantity;
        var before = ScheduleVOtcLimit.Check(product, units, now, session.Branch, null, null, []).Decision;
        if (before.IsRefused && !session.Branch.Policy.ScheduleVOtcSalesAllowed)
            return await RefuseAsync(session, product, before, cancellationToken);
        if (evidence.PurchaserId is null)
        {
            var id = await ask.AskAsync<PhotoIdDialog, PhotoId>("Purchaser's photo ID", new DialogParameters<PhotoIdDialog>
            {
                { d => d.Today, session.Branch.LocalDate(now) },
            });
            if (id is null)
                return before.Reason;
            evidence.PurchaserId = id;
        }
        List<ScheduleVOtcPurchase> prior;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            prior = await PurchaserRecords.ScheduleVOtcPurchasesAsync(db, evidence.PurchaserId, now - ScheduleVOtcLimit.Window, cancellationToken);
        var decision = ScheduleVOtcLimit.Check(product, units, now, session.Branch, evidence.PurchaserId, null, prior).Decision;
        if (decision.IsRefused)
            return await RefuseAsync(session, product, decision, cancellationToken);
        if (!decision.IsAwaitingApproval || evidence.Approvals.Any(a => a.Decision == decision))
            return null;
        var approval = await ask.AskAsync<PharmacistApprovalDialog, ComplianceApproval>("Pharmacist's approval", new DialogParameters<PharmacistApprovalDialog>
        {
            { d => d.Decision, decision },
        });
        if (approval is null)
            return decision.Reason;
        evidence.Approvals.Add(approval);
        return null;
    }

    private async Task<string> RefuseAsync(RegisterSession session, Product product, ComplianceDecision decision, CancellationToken ct)
    {
        await audit.RecordAsync(session.Actor, new AuditEntry(AuditEventTypes.ComplianceRefused, "Sale", session.Sale.Id.ToString())
        {
            After = PurchaserRecords.Json(new { product = product.Name, schedule = DeaSchedule.V.Label(), register = session.Register }),
            Reason = decision.Reason,
            ProductId = product.Id,
            DeaSchedule = (int)DeaSchedule.V,
        }, ct);
        return decision.Reason;
    }
}
