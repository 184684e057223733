using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Checkout;

/// <summary>
/// A purchaser's history across the whole chain, read inside the sale's transaction after
/// <see cref="LockAsync"/>, so two registers selling to the same person one after the other
/// each see what the other sold.
/// </summary>
public static class PurchaserRecords
{
    /// <summary>The purchaser as the chain-wide limits know them: issuer, ID number and date of birth.</summary>
    public static string Key(PhotoId id) => $"{id.IssuedBy}|{id.Number}|{id.DateOfBirth:yyyy-MM-dd}";

    /// <summary>
    /// Serializes sales to one purchaser across every register and branch until the sale's transaction ends.
    /// PostgreSQL: a transaction-scoped advisory lock on the purchaser's key (other purchasers never wait).
    /// SQLite: one writer at a time for the whole file; the write taken here makes this transaction the writer
    /// before it reads, so another register's read-then-write cannot slip in between.
    /// </summary>
    public static async Task LockAsync(PosDbContext db, Guid branchId, PhotoId purchaser, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The purchaser's records are checked inside the sale's transaction.");
        var key = Key(purchaser);
        switch (db.Provider)
        {
            case DatabaseProvider.PostgreSql:
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", ct);
                break;
            case DatabaseProvider.Sqlite:
                var id = branchId.ToString("D").ToUpperInvariant();
                await db.Database.ExecuteSqlAsync($"UPDATE branches SET code = code WHERE id = {id}", ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(db), db.Provider, "Unknown database provider.");
        }
    }

    /// <summary>Logbook purchases since <paramref name="since"/> anywhere in the chain, each with its branch's time zone.</summary>
    public static async Task<List<ListedChemicalPurchase>> ListedChemicalPurchasesAsync(PosDbContext db, PhotoId purchaser,
        DateTimeOffset since, CancellationToken ct)
    {
        var zones = await db.Set<Branch>().AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.TimeZoneId, ct);
        var entries = await db.Set<LogbookEntry>().AsNoTracking()
            .Where(e => e.Purchaser.IssuedBy == purchaser.IssuedBy && e.Purchaser.Number == purchaser.Number
                && e.Purchaser.DateOfBirth == purchaser.DateOfBirth && e.At >= since)
            .ToListAsync(ct);
        return entries.Select(e => e.ToPurchase(zones.GetValueOrDefault(e.BranchId, "UTC"))).ToList();
    }

    /// <summary>Schedule V sales without prescription since <paramref name="since"/> anywhere in the chain.</summary>
    public static async Task<List<ScheduleVOtcPurchase>> ScheduleVOtcPurchasesAsync(PosDbContext db, PhotoId purchaser,
        DateTimeOffset since, CancellationToken ct)
    {
        var records = await db.Set<ControlledSaleRecord>().AsNoTracking()
            .Where(r => r.PrescriptionId == null && r.Schedule == DeaSchedule.V && r.At >= since
                && r.Purchaser!.IssuedBy == purchaser.IssuedBy && r.Purchaser.Number == purchaser.Number
                && r.Purchaser.DateOfBirth == purchaser.DateOfBirth)
            .ToListAsync(ct);
        // Records made before sales were measured are measured by their product's content.
        var unmeasured = records.Where(r => r.Measure is null).Select(r => r.ProductId).Distinct().ToList();
        var contents = unmeasured.Count == 0
            ? new Dictionary<Guid, ScheduleVContent?>()
            : await db.Set<Product>().AsNoTracking().Where(p => unmeasured.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ScheduleV, ct);
        return records.Select(r => r.ToScheduleVOtcPurchase(contents.GetValueOrDefault(r.ProductId))).OfType<ScheduleVOtcPurchase>().ToList();
    }

    /// <summary>The fills with their prescriptions (read only: the pickup marks them with a conditional update).</summary>
    public static async Task<List<(Prescription Prescription, Fill Fill)>> FillsAsync(PosDbContext db, IReadOnlyCollection<Guid> fillIds, CancellationToken ct)
    {
        var ids = fillIds.Distinct().ToList();
        var prescriptions = await db.Set<Prescription>().AsNoTracking()
            .Where(p => p.Fills.Any(f => ids.Contains(f.Id)))
            .ToListAsync(ct);
        var found = prescriptions.SelectMany(p => p.Fills.Where(f => ids.Contains(f.Id)).Select(f => (p, f))).ToList();
        if (found.Count != ids.Count)
            throw new Domain.Shared.DomainException("A prescription on this sale is not on file; scan the bag label again.");
        return ids.Select(id => found.Single(x => x.f.Id == id)).ToList();
    }

    /// <summary>The sale's signature, added once even when both the logbook and the pickup need it.</summary>
    public static SaleSignature StageSignature(PosDbContext db, Guid saleId, PatientSignature signature, DateTimeOffset at)
    {
        var staged = db.ChangeTracker.Entries<SaleSignature>().Select(e => e.Entity).FirstOrDefault(s => s.SaleId == saleId);
        if (staged is not null)
            return staged;
        var stored = new SaleSignature(saleId, signature, at);
        db.Add(stored);
        return stored;
    }

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
