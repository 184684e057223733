using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>
/// A return as the register asks for it. The id is made when the return screen opens, so a double click
/// or a retry after a lost answer commits the return once and never refunds a card twice.
/// </summary>
public sealed record ReturnCommand(Guid ReturnId, Guid SaleId, IReadOnlyList<ReturnRequest> Lines, string Reason,
    ManagerCredentials? Approval = null);

/// <summary>The return as committed; <see cref="AlreadyRecorded"/> when this id had been committed before (a repeated click).</summary>
public sealed record ReturnResult(SaleReturn Return, bool AlreadyRecorded);

/// <summary>
/// Takes items back from a completed sale and refunds them the way they were paid (see <see cref="SaleReturn"/>).
/// <para>
/// One unit of work: the return with its lines and refund tenders, the stock put back into its lots (unless
/// damaged) and the audit record commit together or not at all. Card refunds go to the terminal inside that
/// transaction, after the return is checked again and before the commit: a declined card leaves nothing written.
/// </para>
/// <para>
/// Two registers returning the same units at once: the sale is locked inside the transaction (PostgreSQL:
/// <c>SELECT ... FOR UPDATE</c> on its row; SQLite: the transaction begins IMMEDIATE, which takes the database's
/// write lock), then earlier returns are read again and the return is quoted again, so the second register is
/// told the units are already back.
/// </para>
/// </summary>
public sealed class ReturnDesk(
    IDbContextFactory<PosDbContext> factory,
    IPaymentTerminal terminal,
    IAuditTrail audit,
    ISaleLineLots lots,
    ManagerApproval approval,
    TimeProvider time)
{
    public const int ReasonMaxLength = 200;

    public async Task<ReturnResult> CommitAsync(ReturnCommand command, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var reason = (command.Reason ?? string.Empty).Trim();
        if (reason.Length == 0)
            throw new DomainException("Enter the reason for the return; it is kept in the audit trail.");
        if (reason.Length > ReasonMaxLength)
            throw new DomainException($"Keep the reason under {ReasonMaxLength} characters.");
        var branchId = user.BranchId() ?? throw new DomainException("Sign in at a branch to make a return.");
        var cashierId = user.UserId() ?? throw new DomainException("Sign in to make a return.");
        var register = user.RegisterName() is { Length: > 0 } r ? r : "R1";
        var actor = AuditActors.From(user);

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await FindAsync(db, command.ReturnId, ct) is { } done)
            return new ReturnResult(done, AlreadyRecorded: true);
        var sale = await db.Set<Sale>().AsNoTracking().AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == command.SaleId && s.BranchId == branchId, ct)
            ?? throw new DomainException("That sale is not on record at this branch.");
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);
        var threshold = branch.Policy.RefundApprovalThreshold;

        // Checked first without a lock, so a refusal or a missing approval costs nothing and never reaches the terminal.
        var quote = SaleReturn.Quote(sale, await EarlierReturnsAsync(db, sale.Id, ct), command.Lines, threshold);
        AuditActor? approver = null;
        if (quote.RequiresManagerApproval)
        {
            if (command.Approval is null)
                throw new DomainException($"A refund of {quote.Total} needs a manager's approval (more than {Money.Of(threshold)}).");
            approver = await approval.VerifyAsync(command.Approval, branchId, register);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockSaleAsync(db, sale.Id, ct);
            if (await FindAsync(db, command.ReturnId, ct) is { } committed)
                return new ReturnResult(committed, AlreadyRecorded: true);

            var now = time.GetUtcNow();
            var saleReturn = SaleReturn.Create(command.ReturnId, sale, await EarlierReturnsAsync(db, sale.Id, ct), command.Lines,
                threshold, register, cashierId, now, approver?.UserId);
            await RefundCardsAsync(saleReturn, register, ct);

            db.Add(saleReturn);
            var today = branch.LocalDate(now);
            var restocked = new List<object>();
            foreach (var line in saleReturn.Lines.Where(l => l.Restock))
            {
                foreach (var share in await lots.RestockLotsAsync(db, sale, sale.Line(line.SaleLineId), line.Quantity, today, ct))
                {
                    // Set-based, like checkout's decrement: never a read-modify-write of the lot.
                    var changed = await db.Set<StockLot>().Where(l => l.Id == share.LotId && l.BranchId == sale.BranchId)
                        .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityOnHand, l => l.QuantityOnHand + share.Quantity), ct);
                    if (changed != 1)
                        throw new DomainException($"The stock lot of {line.Name} is no longer on record; mark it damaged to go on.");
                    restocked.Add(new { lot = share.LotId, units = share.Quantity });
                }
            }
            audit.Stage(db, actor, new AuditEntry(AuditEventTypes.RefundIssued, nameof(SaleReturn), saleReturn.Id.ToString())
            {
                Reason = reason,
                ApprovedBy = approver,
                PatientId = sale.CustomerId,
                After = Describe(saleReturn, restocked),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            PosMetrics.RefundRecorded();
            return new ReturnResult(saleReturn, AlreadyRecorded: false);
        });
    }

    /// <summary>
    /// Each card refund goes to the terminal with a key made of the return id and the refund's place in it: after a
    /// lost answer or a retry, the terminal answers the first refund again instead of refunding twice.
    /// </summary>
    private async Task RefundCardsAsync(SaleReturn saleReturn, string register, CancellationToken ct)
    {
        var index = 0;
        foreach (var refund in saleReturn.Refunds)
        {
            index++;
            if (refund.Kind == TenderKind.Cash)
                continue;
            var key = string.Create(CultureInfo.InvariantCulture, $"{saleReturn.Id:N}-{index}");
            var answer = await terminal.RefundAsync(
                new CardRefundRequest(key, saleReturn.Id, register, refund.Amount.Amount, refund.TerminalReference ?? ""), ct);
            if (!answer.Approved)
                throw new DomainException(
                    $"The refund of {refund.Amount} to {refund.CardBrand} **** {refund.CardLastFour?.Value} was declined ({answer.Message}). Nothing was returned; try again or ask a manager.");
        }
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

    private static Task<SaleReturn?> FindAsync(PosDbContext db, Guid returnId, CancellationToken ct) =>
        db.Set<SaleReturn>().AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(r => r.Id == returnId, ct);

    private static async Task<List<SaleReturn>> EarlierReturnsAsync(PosDbContext db, Guid saleId, CancellationToken ct) =>
        await db.Set<SaleReturn>().AsNoTracking().AsSplitQuery().Where(r => r.SaleId == saleId).ToListAsync(ct);

    private static string Describe(SaleReturn saleReturn, List<object> restocked) => JsonSerializer.Serialize(new
    {
        sale = saleReturn.SaleNumber,
        total = saleReturn.Total.Amount,
        lines = saleReturn.Lines.Select(l => new { line = l.SaleLineId, l.Name, l.Quantity, l.Damaged, refund = l.Refund.Amount }),
        refunds = saleReturn.Refunds.Select(t => new { kind = t.Kind.ToString(), amount = t.Amount.Amount, card = t.CardLastFour?.Value }),
        restocked,
    });
}
