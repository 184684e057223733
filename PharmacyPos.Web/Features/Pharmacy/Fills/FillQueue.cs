using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Fills;

/// <summary>The pharmacist's bench: fills waiting for the final check at a branch, and the one-click verification.</summary>
public sealed class FillQueue(IDbContextFactory<PosDbContext> factory, IAuditTrail audit, TimeProvider time)
{
    public sealed record Row(Guid FillId, FillStatus Status, string Patient, DateOnly PatientDateOfBirth, string Drug, string Schedule,
        decimal Quantity, int DaysSupply, int FillNumber, string Prescriber, string? PrescriberDea, string PrescriberNpi,
        string? Bin, Money Copay, DateTimeOffset StartedAtLocal);

    public async Task<IReadOnlyList<Row>> ListAsync(Guid branchId, FillStatus status, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);
        var rows = await (from fill in db.Set<Fill>().AsNoTracking()
                          join prescription in db.Set<Prescription>().AsNoTracking().IgnoreAutoIncludes() on fill.PrescriptionId equals prescription.Id
                          join patient in db.Set<Patient>().AsNoTracking() on prescription.PatientId equals patient.Id
                          join product in db.Set<Product>().AsNoTracking() on prescription.ProductId equals product.Id
                          join prescriber in db.Set<Prescriber>().AsNoTracking() on prescription.PrescriberId equals prescriber.Id
                          where fill.BranchId == branchId && fill.Status == status
                          select new { fill, prescription, patient, product.Name, prescriber })
                         .ToListAsync(ct);
        return rows.OrderBy(r => r.fill.StartedAt).Select(r => new Row(r.fill.Id, r.fill.Status, r.patient.FullName, r.patient.DateOfBirth,
            r.Name, r.prescription.ScheduleLabel, r.fill.Quantity, r.prescription.DaysSupply, r.fill.FillNumber, r.prescriber.FullName,
            r.prescription.PrescriberDea?.Value, r.prescriber.Npi.Value, r.fill.BinLocation, r.fill.PatientCopay,
            branch.LocalTime(r.fill.StartedAt))).ToList();
    }

    /// <summary>
    /// The pharmacist's final check (the caller is a pharmacist at <paramref name="branchId"/>): the fill becomes
    /// ready for pickup, in <paramref name="bin"/> when one is given. Refusals come back as the message; nothing changes then.
    /// </summary>
    public async Task<string?> VerifyAsync(Guid fillId, string? bin, Guid branchId, AuditActor pharmacist, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var prescription = await db.Set<Prescription>().SingleOrDefaultAsync(p => p.Fills.Any(f => f.Id == fillId), ct);
        var fill = prescription?.Fills.Single(f => f.Id == fillId);
        if (prescription is null || fill is null || fill.BranchId != branchId)
            return "That fill is not waiting at this branch.";
        try
        {
            fill.Verify(pharmacist.UserId ?? Guid.Empty, time.GetUtcNow());
            if (!string.IsNullOrWhiteSpace(bin))
                fill.PlaceInBin(bin);
        }
        catch (DomainException refused)
        {
            return refused.Message;
        }
        audit.Stage(db, pharmacist, new Infrastructure.Auditing.AuditEntry(AuditEventTypes.PrescriptionVerified, nameof(Fill), fill.Id.ToString())
        {
            Before = """{"status":"AwaitingVerification"}""",
            After = Checkout.PurchaserRecords.Json(new { status = fill.Status.ToString(), bin = fill.BinLocation, fillNumber = fill.FillNumber }),
            PatientId = prescription.PatientId,
            ProductId = prescription.ProductId,
            DeaSchedule = prescription.Schedule.IsControlled() ? (int)prescription.Schedule : null,
        });
        await db.SaveChangesAsync(ct);
        return null;
    }
}
