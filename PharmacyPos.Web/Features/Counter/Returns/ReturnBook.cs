using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>
/// Each step of a return as its own short transaction, so what the terminal approved is in the books before the
/// next step can fail: record the return (pending, with its planned refunds and the lots its units came from), mark a
/// card refund as sent, record the terminal's answer, complete (stock back, cash handed over, audit record).
/// <para>
/// Every step locks the sale first (PostgreSQL: <c>SELECT ... FOR UPDATE</c> on its row; SQLite: the transaction
/// begins IMMEDIATE, which takes the database's write lock) and reads the returns again, so two registers working on
/// the same sale's units, or on the same return, take turns and each sees what the other committed.
/// </para>
/// </summary>
public sealed class ReturnBook(IDbContextFactory<PosDbContext> factory, IAuditTrail audit, ReturnLots lots)
{
    /// <summary>A return as found by its id; null when never recorded.</summary>
    public async Task<SaleReturn?> FindAsync(Guid returnId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<SaleReturn>().AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(r => r.Id == returnId, ct);
    }

    /// <summary>
    /// Records the return, pending, before any money moves: checked again under the sale's lock (units still
    /// returnable, never more back than was paid, the approval threshold across the sale's returns, a lot for every
    /// unit going back). A return with no card to refund (cash only) completes in the same transaction. Returns the
    /// return already recorded under this id, if any, unchanged, with <c>Existing</c> set.
    /// </summary>
    public Task<(SaleReturn Return, bool Existing)> RecordAsync(Guid returnId, Sale sale, Branch branch,
        Func<IReadOnlyList<SaleReturn>, SaleReturn> make, AuditActor actor, CancellationToken ct) =>
        InSaleAsync(sale.Id, async (db, returns) =>
        {
            if (returns.FirstOrDefault(r => r.Id == returnId) is { } recorded)
                return (recorded, true);
            var saleReturn = make(returns);
            var placed = await lots.AllocateAsync(db, sale, returns, saleReturn, branch.LocalDate(saleReturn.ReturnedAt), ct);
            db.Add(saleReturn);
            db.AddRange(placed);
            if (!saleReturn.OutstandingCardRefunds.Any())
                await CompleteInAsync(db, sale, [.. returns, saleReturn], saleReturn, placed.Where(p => p.Restock).ToList(), actor, saleReturn.ReturnedAt, ct);
            return (saleReturn, false);
        }, ct);

    /// <summary>Changes a pending return under its sale's lock and commits, before the terminal is asked anything.</summary>
    public Task<SaleReturn> ChangeAsync(Guid saleId, Guid returnId, Action<SaleReturn> change, CancellationToken ct) =>
        InSaleAsync(saleId, (_, returns) =>
        {
            var saleReturn = returns.FirstOrDefault(r => r.Id == returnId) ?? throw new DomainException("That return is not on record.");
            change(saleReturn);
            return Task.FromResult(saleReturn);
        }, ct);

    /// <summary>Completes a return whose card refunds all went through. A return already complete is returned as it is.</summary>
    public Task<(SaleReturn Return, bool AlreadyRecorded)> CompleteAsync(Sale sale, Guid returnId, AuditActor actor, DateTimeOffset at,
        CancellationToken ct) =>
        InSaleAsync(sale.Id, async (db, returns) =>
        {
            var saleReturn = returns.FirstOrDefault(r => r.Id == returnId) ?? throw new DomainException("That return is not on record.");
            if (saleReturn.Status == ReturnStatus.Completed)
                return (saleReturn, true);
            var lineIds = saleReturn.Lines.Select(l => l.Id).ToList();
            var back = await db.Set<ReturnLineLot>().AsNoTracking().Where(x => lineIds.Contains(x.ReturnLineId) && x.Restock).ToListAsync(ct);
            await CompleteInAsync(db, sale, returns, saleReturn, back, actor, at, ct);
            return (saleReturn, false);
        }, ct);

    /// <summary>
    /// Checked once more against what the sale was paid, the units put back into the lots they came from (set-based,
    /// never a read-modify-write of a lot), the cash handed over, the audit record staged: in the caller's transaction.
    /// </summary>
    private async Task CompleteInAsync(PosDbContext db, Sale sale, List<SaleReturn> returns, SaleReturn saleReturn, List<ReturnLineLot> back,
        AuditActor actor, DateTimeOffset at, CancellationToken ct)
    {
        saleReturn.Complete(at);
        RefundLimits.EnsureWithinPaid(sale, returns);
        foreach (var lot in back.GroupBy(x => x.LotId).OrderBy(g => g.Key))
        {
            var units = lot.Sum(x => x.Quantity);
            var changed = await db.Set<StockLot>().Where(l => l.Id == lot.Key && l.BranchId == sale.BranchId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityOnHand, l => l.QuantityOnHand + units), ct);
            if (changed != 1)
                throw new InvalidOperationException($"Stock lot {lot.Key} of return {saleReturn.Id} is not on record.");
        }
        var approver = await ApproverAsync(db, saleReturn.CashInPlaceApprovedByUserId ?? saleReturn.ApprovedByUserId, actor.Register, ct);
        audit.Stage(db, actor, new AuditEntry(AuditEventTypes.RefundIssued, nameof(SaleReturn), saleReturn.Id.ToString())
        {
            Reason = saleReturn.Reason,
            ApprovedBy = approver,
            PatientId = sale.CustomerId,
            After = Describe(saleReturn, back),
        });
    }

    private async Task<T> InSaleAsync<T>(Guid saleId, Func<PosDbContext, List<SaleReturn>, Task<T>> work, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockSaleAsync(db, saleId, ct);
            var returns = await db.Set<SaleReturn>().AsSplitQuery().Where(r => r.SaleId == saleId).ToListAsync(ct);
            var result = await work(db, returns);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        });
    }

    private static async Task LockSaleAsync(PosDbContext db, Guid saleId, CancellationToken ct)
    {
        switch (db.Provider)
        {
            case DatabaseProvider.PostgreSql:
                await db.Database.ExecuteSqlAsync($"SELECT id FROM sales WHERE id = {saleId} FOR UPDATE", ct);
                break;
            case DatabaseProvider.Sqlite:
                // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already holds the write lock.
                break;
        }
    }

    private static async Task<AuditActor?> ApproverAsync(PosDbContext db, Guid? userId, string? register, CancellationToken ct)
    {
        if (userId is not { } id)
            return null;
        var manager = await db.Set<StaffUser>().AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Id, u.UserName, u.HomeBranchId }).SingleAsync(ct);
        return new AuditActor(manager.Id, manager.UserName!, StaffRole.Manager, manager.HomeBranchId, register);
    }

    private static string Describe(SaleReturn saleReturn, List<ReturnLineLot> restocked) => JsonSerializer.Serialize(new
    {
        sale = saleReturn.SaleNumber,
        total = saleReturn.Total.Amount,
        lines = saleReturn.Lines.Select(l => new { line = l.SaleLineId, l.Name, l.Quantity, l.Damaged, refund = l.Refund.Amount }),
        refunds = saleReturn.Refunds.OrderBy(t => t.Sequence).Select(t => new
        {
            kind = t.Kind.ToString(), amount = t.Amount.Amount, card = t.CardLastFour?.Value, status = t.Status.ToString(), reference = t.RefundReference,
        }),
        restocked = restocked.Select(x => new { lot = x.LotId, units = x.Quantity }),
    });
}
