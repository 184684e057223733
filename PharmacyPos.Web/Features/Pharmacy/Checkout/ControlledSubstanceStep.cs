using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web.Features.Pharmacy.Checkout;

/// <summary>
/// The dispensing record of every controlled substance in the sale: prescriptions picked up (patient,
/// prescriber's DEA number, verifying pharmacist), and Schedule V sold without prescription (21 CFR 1306.26):
/// only where the branch allows it, approved by a pharmacist, to an adult with ID, within the units per
/// 48 hours counted across the chain. Runs before <see cref="PrescriptionPickupStep"/>, which marks the fills picked up.
/// </summary>
public sealed class ControlledSubstanceStep(IAuditTrail audit) : ISaleCommitStep
{
    public async Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken)
    {
        await RecordPrescriptionsAsync(context, cancellationToken);
        await RecordScheduleVOtcAsync(context, cancellationToken);
    }

    private async Task RecordPrescriptionsAsync(SaleCommitContext context, CancellationToken ct)
    {
        if (context.Evidence.FillIds.Count == 0)
            return;
        foreach (var (prescription, fill) in await PurchaserRecords.FillsAsync(context.Db, context.Evidence.FillIds, ct))
        {
            if (!prescription.Schedule.IsControlled())
                continue;
            var record = ControlledSaleRecord.ForPrescription(prescription, fill, context.Branch.Id, context.Sale.Id, context.At);
            context.Db.Add(record);
            audit.Stage(context.Db, context.Actor, new AuditEntry(AuditEventTypes.ControlledSubstanceSold, nameof(ControlledSaleRecord), record.Id.ToString())
            {
                After = PurchaserRecords.Json(new
                {
                    saleId = context.Sale.Id,
                    fillId = fill.Id,
                    fillNumber = fill.FillNumber,
                    schedule = record.ScheduleLabel,
                    quantity = record.Quantity,
                    prescriberDea = record.PrescriberDea?.Value,
                    verifiedBy = record.PharmacistId,
                }),
                PatientId = prescription.PatientId,
                ProductId = prescription.ProductId,
                DeaSchedule = (int)prescription.Schedule,
            });
        }
    }

    private async Task RecordScheduleVOtcAsync(SaleCommitContext context, CancellationToken ct)
    {
        var (db, sale, branch, evidence) = (context.Db, context.Sale, context.Branch, context.Evidence);
        var lines = sale.ActiveLines.Where(l => l.Schedule == DeaSchedule.V && !l.IsPrescription).ToList();
        if (lines.Count == 0)
            return;
        var productIds = lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var purchaser = evidence.PurchaserId;
        var prior = new List<ScheduleVOtcPurchase>();
        if (purchaser is not null)
        {
            await PurchaserRecords.LockAsync(db, branch.Id, purchaser, ct);
            prior = await PurchaserRecords.ScheduleVOtcPurchasesAsync(db, purchaser, context.At - ScheduleVOtcLimit.Window, ct);
        }

        foreach (var group in lines.GroupBy(l => l.ProductId))
        {
            var product = products[group.Key];
            var units = group.Sum(l => l.Quantity);
            // Without an approver the rule says whether the sale may go ahead once a pharmacist approves it;
            // the approval collected at the counter must be for exactly that decision.
            var pending = ScheduleVOtcLimit.Check(product, units, context.At, branch, purchaser, null, prior).Decision;
            if (pending.IsRefused)
                throw new DomainException(pending.Reason);
            var approval = evidence.Approvals.LastOrDefault(a => a.Decision == pending)
                ?? throw new DomainException(pending.Reason);
            var approver = await PharmacistAsync(context, approval.ApproverId, ct);
            ScheduleVOtcLimit.Check(product, units, context.At, branch, purchaser, approval.ApproverId, prior).Decision.EnsureAllowed();

            var record = ControlledSaleRecord.ForScheduleVOtc(product, units, purchaser!, approval.ApproverId, branch.Id, sale.Id, context.At);
            db.Add(record);
            prior.Add(record.ToScheduleVOtcPurchase()!);
            audit.Stage(db, context.Actor, new AuditEntry(AuditEventTypes.ControlledSubstanceSold, nameof(ControlledSaleRecord), record.Id.ToString())
            {
                After = PurchaserRecords.Json(new
                {
                    saleId = sale.Id,
                    product = product.Name,
                    schedule = record.ScheduleLabel,
                    units,
                    measure = record.Measure?.ToString(),
                    measuredQuantity = record.MeasuredQuantity,
                    containsOpium = record.ContainsOpium,
                    purchaser = purchaser!.ToString(),
                    approvedAt = approval.At,
                }),
                Reason = approval.Decision.Reason,
                ApprovedBy = approver,
                ProductId = product.Id,
                DeaSchedule = (int)DeaSchedule.V,
            });
        }
    }

    /// <summary>The approver must be an active pharmacist: the approval is refused otherwise.</summary>
    private static async Task<AuditActor> PharmacistAsync(SaleCommitContext context, Guid approverId, CancellationToken ct)
    {
        var db = context.Db;
        var pharmacist = await (from user in db.Users
                                join userRole in db.UserRoles on user.Id equals userRole.UserId
                                join role in db.Roles on userRole.RoleId equals role.Id
                                where user.Id == approverId && user.Active && role.Name == StaffRole.Pharmacist
                                select new { user.Id, user.UserName }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("Only a pharmacist can approve this sale; call the pharmacist.");
        return new AuditActor(pharmacist.Id, pharmacist.UserName ?? "pharmacist", StaffRole.Pharmacist, context.Branch.Id);
    }
}
