using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
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

/// <summary>The screen that holds a sale's open cart and the cart's version it last wrote: checked again at commit.</summary>
public sealed record CartHold(Guid HolderId, int Version);

/// <summary>A payment given back before a void: a card charge reversed at the terminal, or cash handed back.</summary>
public sealed record PaymentGivenBack(TenderKind Kind, Money Amount, string? Card, string? TerminalReference, string? ReversalReference)
{
    public override string ToString() => Kind == TenderKind.Cash ? $"hand back {Amount} cash" : $"{Amount} back to the card {Card}";
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
    /// <summary>Sale numbers drawn before giving up; two draws colliding in one second is already one in a million.</summary>
    private const int SaleNumberAttempts = 5;

    private readonly IReadOnlyList<ISaleCommitStep> _steps = steps.ToList();

    /// <summary>Completes the sale the cart describes; refusals (stock ran out, a rule failed) throw DomainException and write nothing.</summary>
    public Task<CommittedSale> CompleteAsync(CartSnapshot cart, AuditActor actor, CancellationToken ct = default) =>
        CompleteAsync(cart, actor, null, ct);

    /// <summary>
    /// Completes the sale from the screen that holds its open cart (<paramref name="hold"/>): refused, writing nothing,
    /// if another screen took the register over or changed the cart since.
    /// </summary>
    public Task<CommittedSale> CompleteAsync(CartSnapshot cart, AuditActor actor, CartHold? hold, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return CommitAsync(cart, SaleStatus.Completed, hold, async (db, numbered, token) =>
        {
            var (sale, branch, _) = await CartReplay.RebuildAsync(db, numbered, token);
            var now = time.GetUtcNow();
            sale.Complete(now);
            var lots = await StockTaking.TakeAsync(db, sale, branch, now, token);
            var context = new SaleCommitContext(db, sale, branch, actor, numbered.Evidence, now);
            foreach (var step in _steps)
                await step.ApplyAsync(context, token);
            db.Add(sale);
            db.AddRange(lots);
            await StageCompletionAuditAsync(db, sale, actor, token);
            return sale;
        }, ct);
    }

    /// <summary>
    /// Cancels a sale before any payment: it is kept as voided, with the reason, and its cart goes. Payments taken
    /// and given back first (<paramref name="givenBack"/>) are recorded with the void in the audit trail.
    /// </summary>
    public Task<CommittedSale> VoidAsync(CartSnapshot cart, string reason, AuditActor actor, CancellationToken ct = default) =>
        VoidAsync(cart, reason, actor, [], null, ct);

    public Task<CommittedSale> VoidAsync(CartSnapshot cart, string reason, AuditActor actor, IReadOnlyList<PaymentGivenBack> givenBack,
        CartHold? hold = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return CommitAsync(cart with { Suspended = false }, SaleStatus.Voided, hold, async (db, numbered, token) =>
        {
            var (sale, _, _) = await CartReplay.RebuildAsync(db, numbered, token);
            sale.Void(reason, time.GetUtcNow());
            db.Add(sale);
            audit.Stage(db, actor, new AuditEntry(AuditEventTypes.SaleVoided, nameof(Sale), sale.Id.ToString())
            {
                After = givenBack.Count == 0 ? Summary(sale) : VoidSummary(sale, givenBack),
                Reason = sale.VoidReason,
                PatientId = sale.CustomerId,
            });
            return sale;
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, once per sale id. A sale already committed is success only
    /// when it is the very sale the caller holds (same lines, same payments, same outcome): a retry or a double
    /// submit. Anything else was another screen's sale under the same id; the caller is told and nothing changes.
    /// Two submits of one sale at once meet at the primary key; the loser reports the winner's sale on the same
    /// terms. A sale number another register drew in the same second (the unique index refuses it) is drawn again
    /// before the receipt exists. With a <paramref name="hold"/>, the open cart must still be that screen's, at the
    /// version it last wrote, or nothing is written.
    /// </summary>
    private async Task<CommittedSale> CommitAsync(CartSnapshot cart, SaleStatus outcome, CartHold? hold,
        Func<PosDbContext, CartSnapshot, CancellationToken, Task<Sale>> work, CancellationToken ct)
    {
        if (await FindCommittedAsync(cart.SaleId, ct) is { } done)
            return SameSaleOrRefuse(done, cart, outcome);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await InTransactionAsync(async (db, token) =>
                {
                    if (await FindCommittedAsync(db, cart.SaleId, token) is { } committed)
                        return SameSaleOrRefuse(committed, cart, outcome);
                    if (hold is not null && await db.Set<OpenCart>()
                            .Where(c => c.SaleId == cart.SaleId && c.HolderId == hold.HolderId && c.Version == hold.Version)
                            .ExecuteDeleteAsync(token) == 0)
                        throw new DomainException(NotHeld);
                    var sale = await work(db, cart, token);
                    await db.SaveChangesAsync(token);
                    await db.Set<OpenCart>().Where(c => c.SaleId == sale.Id).ExecuteDeleteAsync(token);
                    return CommittedSale.Of(sale);
                }, ct);
            }
            catch (DbUpdateException) when (attempt < SaleNumberAttempts)
            {
                if (await FindCommittedAsync(cart.SaleId, ct) is { } committed)
                    return SameSaleOrRefuse(committed, cart, outcome);
                if (!await SaleNumberTakenAsync(cart, ct))
                    throw;
                cart = cart with { SaleNumber = await NewSaleNumberAsync(cart.BranchId, ct) };
            }
            catch (DbUpdateException)
            {
                if (await FindCommittedAsync(cart.SaleId, ct) is { } committed)
                    return SameSaleOrRefuse(committed, cart, outcome);
                throw;
            }
        }
    }

    public const string NotHeld = "This sale was changed or taken over on another screen, so nothing was recorded here. It has been reloaded.";

    /// <summary>The committed sale, if it is the one <paramref name="cart"/> describes; otherwise a refusal that says so.</summary>
    private static CommittedSale SameSaleOrRefuse(Sale committed, CartSnapshot cart, SaleStatus outcome)
    {
        var recorded = CartSnapshot.Of(committed);
        if (committed.Status == outcome && recorded.Lines.SequenceEqual(cart.Lines) && recorded.Tenders.SequenceEqual(cart.Tenders))
            return CommittedSale.Of(committed);
        var what = committed.Status == SaleStatus.Voided ? "voided" : "completed";
        throw new DomainException(
            $"Sale {committed.SaleNumber} was already {what} on another screen with other items or payments. Nothing from this screen was recorded; " +
            "give back any payment taken here (Void), then start again.");
    }

    private async Task<bool> SaleNumberTakenAsync(CartSnapshot cart, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<Sale>().AnyAsync(s => s.SaleNumber == cart.SaleNumber && s.Id != cart.SaleId, ct);
    }

    private async Task<string> NewSaleNumberAsync(Guid branchId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);
        return SaleNumbers.New(branch, time.GetUtcNow());
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

    private async Task<Sale?> FindCommittedAsync(Guid saleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FindCommittedAsync(db, saleId, ct);
    }

    private static Task<Sale?> FindCommittedAsync(PosDbContext db, Guid saleId, CancellationToken ct) =>
        db.Set<Sale>().AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(s => s.Id == saleId, ct);

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

    private static string VoidSummary(Sale sale, IReadOnlyList<PaymentGivenBack> givenBack) => Json(new
    {
        saleNumber = sale.SaleNumber,
        status = sale.Status.ToString(),
        register = sale.RegisterId,
        lines = sale.ActiveLines.Count(),
        total = sale.Total.Amount,
        givenBack = givenBack.Select(g => new
        {
            kind = g.Kind.ToString(),
            amount = g.Amount.Amount,
            card = g.Card,
            terminalReference = g.TerminalReference,
            reversalReference = g.ReversalReference,
        }),
    });

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
