using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Counter;

/// <summary>The prescriptions waiting for a patient at a branch, found by last name and date of birth or by the bag label.</summary>
public sealed class PickupDesk(IDbContextFactory<PosDbContext> factory)
{
    public sealed record ReadyFill(Guid FillId, Guid PatientId, string Patient, DateOnly DateOfBirth, string Drug, int FillNumber,
        decimal Quantity, Money Copay, string? Bin, string PickupCode);

    /// <summary>Ready fills at the branch for the patient with this last name (any case) and date of birth.</summary>
    public async Task<IReadOnlyList<ReadyFill>> FindAsync(Guid branchId, string? lastName, DateOnly dateOfBirth, CancellationToken ct = default)
    {
        var name = (lastName ?? "").Trim();
        if (name.Length == 0)
            return [];
        var ready = await ReadyAsync(branchId, p => p.DateOfBirth == dateOfBirth, ct);
        return ready.Where(r => r.LastName.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(r => r.Fill).ToList();
    }

    /// <summary>Ready fills at the branch whose bag label carries <paramref name="code"/> (a rare collision offers two bags to choose from).</summary>
    public async Task<IReadOnlyList<ReadyFill>> FindByCodeAsync(Guid branchId, string code, CancellationToken ct = default)
    {
        var ready = await ReadyAsync(branchId, _ => true, ct);
        return ready.Where(r => PickupCode.Matches(code, r.Fill.FillId)).Select(r => r.Fill).ToList();
    }

    /// <summary>The fills with what the sale line needs: the dispensed product and the fill itself.</summary>
    public async Task<IReadOnlyList<(Prescription Prescription, Fill Fill, Product Product)>> LoadAsync(IReadOnlyCollection<Guid> fillIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await Checkout.PurchaserRecords.FillsAsync(db, fillIds, ct);
        var productIds = found.Select(f => f.Prescription.ProductId).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return found.Select(f => (f.Prescription, f.Fill, products[f.Prescription.ProductId])).ToList();
    }

    private async Task<List<(string LastName, ReadyFill Fill)>> ReadyAsync(Guid branchId, System.Linq.Expressions.Expression<Func<Patient, bool>> patientFilter,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from fill in db.Set<Fill>().AsNoTracking()
                          join prescription in db.Set<Prescription>().AsNoTracking().IgnoreAutoIncludes() on fill.PrescriptionId equals prescription.Id
                          join patient in db.Set<Patient>().AsNoTracking().Where(patientFilter) on prescription.PatientId equals patient.Id
                          join product in db.Set<Product>().AsNoTracking() on prescription.ProductId equals product.Id
                          where fill.BranchId == branchId && fill.Status == FillStatus.ReadyForPickup && fill.SaleId == null
                          select new { fill, patient, product.Name })
                         .ToListAsync(ct);
        return rows.OrderBy(r => r.patient.LastName).ThenBy(r => r.Name)
            .Select(r => (r.patient.LastName, new ReadyFill(r.fill.Id, r.patient.Id, r.patient.FullName, r.patient.DateOfBirth, r.Name,
                r.fill.FillNumber, r.fill.Quantity, r.fill.PatientCopay, r.fill.BinLocation, PickupCode.For(r.fill.Id))))
            .ToList();
    }
}
