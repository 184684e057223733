using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Receipt;

/// <summary>A committed sale with what the receipt and the history show around it: the branch, the cashier, the customer and its returns.</summary>
public sealed record SaleRecord(
    Sale Sale,
    Branch Branch,
    string CashierName,
    string? CustomerName,
    string? LoyaltyNumber,
    IReadOnlyList<SaleReturn> Returns)
{
    /// <summary>When the sale was completed (or voided), in the branch's time zone.</summary>
    public DateTimeOffset LocalTime => Branch.LocalTime(Sale.CompletedAt ?? Sale.VoidedAt ?? Sale.OpenedAt);

    /// <summary>Units of a line already brought back, or held by a return that is not finished.</summary>
    public int ReturnedUnits(Guid saleLineId) =>
        Returns.Where(r => r.Status != ReturnStatus.Abandoned).SelectMany(r => r.Lines).Where(l => l.SaleLineId == saleLineId).Sum(l => l.Quantity);

    /// <summary>The loyalty card as printed: its last four characters only.</summary>
    public string? MaskedLoyaltyNumber => LoyaltyNumber is { Length: > 4 } n ? "****" + n[^4..] : LoyaltyNumber;
}

/// <summary>
/// Reads committed sales for the receipt, the history and the returns desk. Read-only: a receipt is a reprint-safe
/// view, never a change. A sale is found only at the branch the member of staff works at.
/// </summary>
public sealed class SaleRecords(IDbContextFactory<PosDbContext> primary, IReadReplicaDbContextFactory replica)
{
    /// <summary>From the primary database: right after checkout, a replica may not have the sale yet.</summary>
    public async Task<SaleRecord?> FindAsync(Guid saleId, Guid branchId, CancellationToken ct = default)
    {
        await using var db = await primary.CreateDbContextAsync(ct);
        return await LoadAsync(db, s => s.Id == saleId && s.BranchId == branchId, ct);
    }

    public async Task<SaleRecord?> FindByNumberAsync(string saleNumber, Guid branchId, CancellationToken ct = default)
    {
        var number = (saleNumber ?? string.Empty).Trim().ToUpperInvariant();
        await using var db = await primary.CreateDbContextAsync(ct);
        return await LoadAsync(db, s => s.SaleNumber == number && s.BranchId == branchId, ct);
    }

    /// <summary>From the read replica, for the history (which may lag by seconds).</summary>
    public async Task<SaleRecord?> FindForHistoryAsync(Guid saleId, Guid branchId, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        return await LoadAsync(db, s => s.Id == saleId && s.BranchId == branchId, ct);
    }

    internal static async Task<SaleRecord?> LoadAsync(PosDbContext db, System.Linq.Expressions.Expression<Func<Sale, bool>> which,
        CancellationToken ct)
    {
        var sale = await db.Set<Sale>().AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(which, ct);
        if (sale is null)
            return null;
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == sale.BranchId, ct);
        var cashier = await db.Set<StaffUser>().AsNoTracking().Where(u => u.Id == sale.CashierUserId)
            .Select(u => new { u.DisplayName, u.UserName }).FirstOrDefaultAsync(ct);
        var customer = sale.CustomerId is { } customerId
            ? await db.Set<Patient>().AsNoTracking().Where(p => p.Id == customerId)
                .Select(p => new { p.FirstName, p.LastName, p.LoyaltyNumber }).FirstOrDefaultAsync(ct)
            : null;
        var returns = await db.Set<SaleReturn>().AsNoTracking().AsSplitQuery().Where(r => r.SaleId == sale.Id)
            .OrderBy(r => r.ReturnedAt).ToListAsync(ct);
        var cashierName = cashier is null ? "—" : cashier.DisplayName is { Length: > 0 } d ? d : cashier.UserName ?? "—";
        return new SaleRecord(sale, branch, cashierName,
            customer is null ? null : $"{customer.FirstName} {customer.LastName}", customer?.LoyaltyNumber, returns);
    }
}
