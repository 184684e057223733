using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;

namespace PharmacyPos.Web.Features.Pharmacy.Checkout;

/// <summary>
/// Hands prescription fills over: each must be verified by a pharmacist, ready at this branch, offered
/// counseling under the branch's rule, and signed for. A fill is marked picked up with a conditional
/// update, so when two registers ring up the same bag only the first sale commits.
/// </summary>
public sealed class PrescriptionPickupStep(IAuditTrail audit) : ISaleCommitStep
{
    public const string AlreadyPickedUp = "This prescription fill has already been picked up.";

    public async Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken)
    {
        var (db, sale, branch, evidence) = (context.Db, context.Sale, context.Branch, context.Evidence);
        if (evidence.FillIds.Count == 0)
            return;
        var signature = evidence.Signature
            ?? throw new DomainException("The patient must sign for the prescription before it is handed over.");

        foreach (var (prescription, fill) in await PurchaserRecords.FillsAsync(db, evidence.FillIds, cancellationToken))
        {
            fill.EnsureSellable();
            if (fill.BranchId != branch.Id)
                throw new DomainException("This prescription is waiting at another branch; it is picked up there.");
            var offer = evidence.Counseling.LastOrDefault(o => o.FillId == fill.Id);
            CounselingOffer.Check(branch.Policy.Counseling, fill, offer).EnsureAllowed();
            // The rules of the hand-over on a detached copy; the row changes only if nobody got there first.
            fill.MarkPickedUp(sale.Id, context.At);
            var at = fill.PickedUpAt!.Value;
            var marked = await db.Set<Fill>()
                .Where(f => f.Id == fill.Id && f.Status == FillStatus.ReadyForPickup && f.SaleId == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.Status, FillStatus.PickedUp)
                    .SetProperty(f => f.SaleId, sale.Id)
                    .SetProperty(f => f.PickedUpAt, at)
                    .SetProperty(f => f.BinLocation, (string?)null), cancellationToken);
            if (marked != 1)
                throw new DomainException(AlreadyPickedUp);

            if (offer is not null && db.Entry(offer).State == EntityState.Detached
                && !await db.Set<CounselingOffer>().AnyAsync(o => o.Id == offer.Id, cancellationToken))
                db.Add(offer);
            audit.Stage(db, context.Actor, new AuditEntry(AuditEventTypes.PrescriptionPickedUp, nameof(Fill), fill.Id.ToString())
            {
                Before = PurchaserRecords.Json(new { status = FillStatus.ReadyForPickup.ToString() }),
                After = PurchaserRecords.Json(new
                {
                    status = FillStatus.PickedUp.ToString(),
                    saleId = sale.Id,
                    fillNumber = fill.FillNumber,
                    copay = fill.PatientCopay.Amount,
                    counseling = offer?.Answer.ToString(),
                    counseledBy = offer?.CounseledBy,
                    signed = true,
                }),
                PatientId = prescription.PatientId,
                ProductId = prescription.ProductId,
                DeaSchedule = prescription.Schedule.IsControlled() ? (int)prescription.Schedule : null,
            });
        }
        PurchaserRecords.StageSignature(db, sale.Id, signature, context.At);
    }
}
