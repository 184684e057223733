using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>What the counter shows once a sale is in the books.</summary>
public sealed record CommittedSale(Guid SaleId, string SaleNumber, SaleStatus Status, Money Subtotal, Money Tax, Money Total,
    Money AmountPaid, Money ChangeDue)
{
    public static CommittedSale Of(Sale sale) => new(sale.Id, sale.SaleNumber, sale.Status, sale.Subtotal, sale.Tax, sale.Total,
        sale.AmountPaid, sale.ChangeDue);
}

/// <summary>
/// Commits a paid sale in one database transaction: the sale with its lines and tenders, the stock taken from its
/// lots (<see cref="StockTaking"/>), the lots each line came from, every <see cref="ISaleCommitStep"/>, the audit
/// records, and the open cart's removal. All of it commits or none does. The sale id was made at the register, so
/// a double click, a retry or a reconnect that submits it again gets the sale already committed, not a second one.
/// </summary>
public sealed class CheckoutHandler(
    IDbContextFactory<PosDbContext> factory,
    IEnumerable<ISaleCommitStep> steps,
    IAuditTrail audit,
    TimeProvider time)
{
    private readonly IReadOnlyList<ISaleCommitStep> _steps = steps.ToList();

    /// <summary>Completes the sale the cart describes; refusals (stock ran out, a rule failed) throw DomainException and write nothing.</summary>
    public async Task<CommittedSale> CompleteAsync(CartSnapshot cart, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cart);
        if (await FindCommittedAsync(cart.SaleId, ct) is { } done)
            return done;
        try
        {
            return await InTransactionAsync(async (db, token) =>
            {
                if (await FindCommittedAsync(db, cart.SaleId, token) is { } committed)
                    return committed;
                var (sale, branch, _) = await CartReplay.RebuildAsync(db, cart, token);
                var now = time.GetUtcNow();
                sale.Complete(now);
                var lots = await StockTaking.TakeAsync(db, sale, branch, now, token);
                var context = new SaleCommitContext(db, sale, branch, actor, cart.Evidence, now);
                foreach (var step in _steps)
                    await step.ApplyAsync(context, token);
                db.Add(sale);
                db.AddRange(lots);
                await StageCompletionAuditAsync(db, sale, actor, token);
                await db.SaveChangesAsync(token);
                await db.Set<OpenCart>().Where(c => c.SaleId == sale.Id).ExecuteDeleteAsync(token);
                return CommittedSale.Of(sale);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Two submits of one sale at once: the primary key let one in; the other reports the same sale.
            if (await FindCommittedAsync(cart.SaleId, ct) is { } committed)
                return committed;
            throw;
        }
    }

    /// <summary>Cancels a sale before any payment: it is kept as voided, with the reason, and its cart goes.</summary>
    public async Task<CommittedSale> VoidAsync(CartSnapshot cart, string reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cart);
        if (await FindCommittedAsync(cart.SaleId, ct) is { } done)
            return done;
        return await InTransactionAsync(async (db, token) =>
        {
            var (sale, _, _) = await CartReplay.RebuildAsync(db, cart with { Suspended = false }, token);
            sale.Void(reason, time.GetUtcNow());
            db.Add(sale);
            audit.Stage(db, actor, new AuditEntry(AuditEventTypes.SaleVoided, nameof(Sale), sale.Id.ToString())
            {
                After = Summary(sale),
                Reason = sale.VoidReason,
                PatientId = sale.CustomerId,
            });
            await db.SaveChangesAsync(token);
            await db.Set<OpenCart>().Where(c => c.SaleId == sale.Id).ExecuteDeleteAsync(token);
            return CommittedSale.Of(sale);
        }, ct);
    }

    private async Task<CommittedSale> InTransactionAsync(Func<PosDbContext, CancellationToken, Task<CommittedSale>> work, CancellationToken ct)
    {
        await using var probe = await factory.CreateDbContextAsync(ct);
        // PostgreSQL retries transient failures: the whole transaction runs again on a fresh context.
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var db = await factory.CreateDbContextAsync(token);
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(db, token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    private async Task<CommittedSale?> FindCommittedAsync(Guid saleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FindCommittedAsync(db, saleId, ct);
    }

    private static async Task<CommittedSale?> FindCommittedAsync(PosDbContext db, Guid saleId, CancellationToken ct)
    {
        var sale = await db.Set<Sale>().AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(s => s.Id == saleId, ct);
        return sale is null ? null : CommittedSale.Of(sale);
    }

    private async Task StageCompletionAuditAsync(PosDbContext db, Sale sale, AuditActor actor, CancellationToken ct)
    {
        audit.Stage(db, actor, new AuditEntry(AuditEventTypes.SaleCompleted, nameof(Sale), sale.Id.ToString())
        {
            After = Summary(sale),
            PatientId = sale.CustomerId,
        });
        var approverIds = sale.Lines.Where(l => l.PriceOverride is not null).Select(l => l.PriceOverride!.ApprovedByUserId).Distinct().ToList();
        var approvers = approverIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => approverIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "manager", ct);
        foreach (var line in sale.Lines.OrderBy(l => l.LineNumber))
        {
            var entity = line.Id.ToString();
            if (line.IsVoided)
            {
                audit.Stage(db, actor, new AuditEntry(AuditEventTypes.LineVoided, nameof(SaleLine), entity)
                {
                    Before = Json(new { sale = sale.SaleNumber, line = line.LineNumber, item = line.Name, quantity = line.Quantity }),
                    Reason = line.VoidReason,
                    ProductId = line.ProductId,
                });
                continue;
            }
            if (line.PriceOverride is { } o)
            {
                var approver = new AuditActor(o.ApprovedByUserId, approvers.GetValueOrDefault(o.ApprovedByUserId, "manager"), StaffRole.Manager,
                    sale.BranchId, sale.RegisterId);
                audit.Stage(db, actor, new AuditEntry(AuditEventTypes.PriceOverridden, nameof(SaleLine), entity)
                {
                    Before = Json(new { sale = sale.SaleNumber, item = line.Name, unitPrice = line.UnitPrice.Amount }),
                    After = Json(new { sale = sale.SaleNumber, item = line.Name, unitPrice = o.UnitPrice.Amount }),
                    Reason = o.Reason,
                    ApprovedBy = approver,
                    ProductId = line.ProductId,
                });
            }
            if (line.Discount is { } d)
            {
                audit.Stage(db, actor, new AuditEntry(AuditEventTypes.DiscountApplied, nameof(SaleLine), entity)
                {
                    After = Json(new { sale = sale.SaleNumber, item = line.Name, discount = d.ToString(), amountOff = line.LineDiscountAmount.Amount }),
                    Reason = d.Reason,
                    ProductId = line.ProductId,
                });
            }
        }
        if (sale.BasketDiscount is { } basket)
        {
            audit.Stage(db, actor, new AuditEntry(AuditEventTypes.DiscountApplied, nameof(Sale), sale.Id.ToString())
            {
                After = Json(new { sale = sale.SaleNumber, basketDiscount = basket.ToString(), amountOff = sale.BasketDiscountAmount.Amount }),
                Reason = basket.Reason,
            });
        }
    }

    private static string Summary(Sale sale) => Json(new
    {
        saleNumber = sale.SaleNumber,
        status = sale.Status.ToString(),
        register = sale.RegisterId,
        lines = sale.ActiveLines.Count(),
        items = sale.ActiveLines.Sum(l => l.Quantity),
        subtotal = sale.Subtotal.Amount,
        tax = sale.Tax.Amount,
        total = sale.Total.Amount,
        tenders = sale.Tenders.OrderBy(t => t.Sequence).Select(t => new { kind = t.Kind.ToString(), amount = t.Amount.Amount, card = t.CardLastFour?.Value }),
    });

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
