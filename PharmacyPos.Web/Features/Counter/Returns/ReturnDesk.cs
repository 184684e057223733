using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>
/// A return as the register asks for it. The id is made when the return screen opens (or taken from the sale's
/// unfinished return), so a double click, a retry or a reload commits the return once and never refunds a card twice.
/// </summary>
public sealed record ReturnCommand(Guid ReturnId, Guid SaleId, IReadOnlyList<ReturnRequest> Lines, string Reason,
    ManagerCredentials? Approval = null);

/// <summary>The return as completed; <see cref="AlreadyRecorded"/> when this id had been completed before (a repeated click).</summary>
public sealed record ReturnResult(SaleReturn Return, bool AlreadyRecorded);

/// <summary>
/// A card refund did not go through (declined, or the terminal did not answer). The return stays recorded, pending,
/// with every refund that did go through: <see cref="Return"/> shows where it stands. Trying again reuses its refunds.
/// </summary>
public sealed class RefundNotFinishedException(string message, SaleReturn pending) : DomainException(message)
{
    public SaleReturn Return { get; } = pending;
}

/// <summary>
/// Takes items back from a completed sale and refunds them the way they were paid (see <see cref="SaleReturn"/>).
/// <para>
/// Nothing the terminal approves is ever without a record. Everything that can refuse is checked first (units still
/// returnable, the manager's approval counting the sale's earlier returns, never more back than was paid, a stock lot
/// for every unit going back, no dispensed prescription); then the return is recorded as pending with its planned
/// refunds, before the terminal is asked anything. Each card refund is marked as sent before it is asked, and recorded
/// as approved the moment the terminal says so. When every card refund went through, the return completes in one
/// transaction: stock back into the lots the units came from, cash handed over, the audit record.
/// </para>
/// <para>
/// A declined card leaves the return pending, holding its units. Trying again (same id) asks the terminal only for
/// what has not gone through: a refund whose answer was lost is asked again under the same idempotency key, so the
/// terminal answers the first time's answer and never refunds twice. A pending return is cancelled only while nothing
/// has gone back; after that it completes as recorded.
/// </para>
/// </summary>
public sealed class ReturnDesk(
    IDbContextFactory<PosDbContext> factory,
    IPaymentTerminal terminal,
    ReturnBook book,
    ManagerApproval approval,
    TimeProvider time)
{
    public const int ReasonMaxLength = SaleReturn.ReasonMaxLength;

    public async Task<ReturnResult> CommitAsync(ReturnCommand command, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var reason = (command.Reason ?? string.Empty).Trim();
        if (reason.Length == 0)
            throw new DomainException("Enter the reason for the return; it is kept in the audit trail.");
        if (reason.Length > ReasonMaxLength)
            throw new DomainException($"Keep the reason under {ReasonMaxLength} characters.");
        var (branchId, cashierId, register) = Who(user);

        var saleReturn = await book.FindAsync(command.ReturnId, ct);
        if (saleReturn is { Status: ReturnStatus.Completed })
            return new ReturnResult(saleReturn, AlreadyRecorded: true);
        var (sale, branch) = await SaleAsync(saleReturn?.SaleId ?? command.SaleId, branchId, ct);
        if (saleReturn is null)
        {
            var threshold = branch.Policy.RefundApprovalThreshold;
            // Checked first without a lock, so a refusal or a missing approval costs nothing and never reaches the terminal.
            var quote = SaleReturn.Quote(sale, await ReturnsOfAsync(sale.Id, ct), command.Lines, threshold);
            AuditActor? approver = null;
            if (quote.RequiresManagerApproval)
            {
                if (command.Approval is null)
                    throw new DomainException(quote.ApprovalReason);
                approver = await approval.VerifyAsync(command.Approval, branchId, register);
            }
            var now = time.GetUtcNow();
            (saleReturn, var existing) = await book.RecordAsync(command.ReturnId, sale, branch, returns => SaleReturn.Create(command.ReturnId, sale,
                returns, command.Lines, threshold, register, cashierId, now, approver?.UserId, reason), AuditActors.From(user), ct);
            if (saleReturn.Status == ReturnStatus.Completed)
            {
                if (!existing)
                    PosMetrics.RefundRecorded();
                return new ReturnResult(saleReturn, AlreadyRecorded: existing);
            }
        }
        else if (saleReturn.SaleId != command.SaleId || !SameLines(saleReturn, command.Lines))
        {
            throw new DomainException("This return was started with other items. Finish it as it was started, or cancel it and start again.");
        }
        return await FinishAsync(sale, saleReturn, AuditActors.From(user), register, ct);
    }

    /// <summary>
    /// Cancels a pending return nothing has gone back for: its units are free again. Refused once a card was refunded
    /// (that money is gone and recorded): such a return is tried again or finished with the rest in cash.
    /// </summary>
    public async Task AbandonAsync(Guid returnId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (branchId, _, _) = Who(user);
        var saleReturn = await book.FindAsync(returnId, ct);
        if (saleReturn is null || saleReturn.Status == ReturnStatus.Abandoned)
            return;
        if (saleReturn.BranchId != branchId)
            throw new DomainException("That return is not on record at this branch.");
        await book.ChangeAsync(saleReturn.SaleId, returnId, r => r.Abandon(time.GetUtcNow()), ct);
    }

    /// <summary>
    /// A card keeps declining its refund: with a manager's approval the rest is handed back in cash and the return
    /// completes, with what already went back to cards as recorded.
    /// </summary>
    public async Task<ReturnResult> HandBackRestInCashAsync(Guid returnId, ManagerCredentials manager, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (branchId, _, register) = Who(user);
        var saleReturn = await book.FindAsync(returnId, ct) ?? throw new DomainException("That return is not on record.");
        if (saleReturn.Status == ReturnStatus.Completed)
            return new ReturnResult(saleReturn, AlreadyRecorded: true);
        var (sale, _) = await SaleAsync(saleReturn.SaleId, branchId, ct);
        var approver = await approval.VerifyAsync(manager, branchId, register);
        saleReturn = await book.ChangeAsync(sale.Id, returnId, r => r.HandBackRestInCash(approver.UserId ?? Guid.Empty), ct);
        return await FinishAsync(sale, saleReturn, AuditActors.From(user), register, ct);
    }

    private async Task<ReturnResult> FinishAsync(Sale sale, SaleReturn saleReturn, AuditActor actor, string register, CancellationToken ct)
    {
        foreach (var sequence in saleReturn.OutstandingCardRefunds.Select(r => r.Sequence).ToList())
        {
            // Committed before the terminal is asked: from here on the refund may have gone through, and the return
            // can no longer be cancelled until the terminal's answer is known.
            saleReturn = await book.ChangeAsync(sale.Id, saleReturn.Id, r =>
            {
                if (r.Status != ReturnStatus.Pending)
                    return;
                r.RetryDeclined();
                r.RecordSending(sequence);
            }, ct);
            var refund = saleReturn.Refund(sequence);
            if (saleReturn.Status != ReturnStatus.Pending)
                break;
            if (refund.Status != RefundStatus.Sent)
                continue;
            CardRefundResult answer;
            try
            {
                answer = await terminal.RefundAsync(new CardRefundRequest(refund.IdempotencyKey, saleReturn.Id, register, refund.Amount.Amount,
                    refund.TerminalReference ?? ""), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new RefundNotFinishedException(
                    $"The terminal did not answer for the refund of {refund.Amount} to {Card(refund)}. {Standing(saleReturn)} Try again: the terminal is asked for the same refund and never gives it twice.",
                    saleReturn);
            }
            if (answer.Approved)
            {
                saleReturn = await book.ChangeAsync(sale.Id, saleReturn.Id, r => r.RecordApproved(sequence, answer.TerminalReference, time.GetUtcNow()), ct);
                continue;
            }
            saleReturn = await book.ChangeAsync(sale.Id, saleReturn.Id, r => r.RecordDeclined(sequence, answer.Message), ct);
            throw new RefundNotFinishedException(
                $"The refund of {refund.Amount} to {Card(refund)} was declined ({answer.Message}). {Standing(saleReturn)}", saleReturn);
        }
        if (saleReturn.Status == ReturnStatus.Abandoned)
            throw new DomainException("This return was cancelled; nothing was refunded. Start a new return.");
        var (done, already) = await book.CompleteAsync(sale, saleReturn.Id, actor, time.GetUtcNow(), ct);
        if (!already)
            PosMetrics.RefundRecorded();
        return new ReturnResult(done, already);
    }

    private static string Standing(SaleReturn saleReturn) => saleReturn.GivenToCards == Money.Zero
        ? "Nothing was returned; the return is kept. Try again, or cancel it."
        : $"{saleReturn.GivenToCards} already went back to the customer's card and is recorded. Try again, or hand back the rest in cash with a manager's approval.";

    private static string Card(RefundTender refund) => $"{refund.CardBrand} **** {refund.CardLastFour?.Value}";

    private static bool SameLines(SaleReturn saleReturn, IReadOnlyList<ReturnRequest> requests)
    {
        static IEnumerable<(Guid, bool, int)> Units(IEnumerable<(Guid Line, bool Damaged, int Quantity)> lines) =>
            lines.GroupBy(l => (l.Line, l.Damaged)).Select(g => (g.Key.Line, g.Key.Damaged, g.Sum(l => l.Quantity))).Order();
        return Units(saleReturn.Lines.Select(l => (l.SaleLineId, l.Damaged, l.Quantity)))
            .SequenceEqual(Units(requests.Select(r => (r.SaleLineId, r.Damaged, r.Quantity))));
    }

    private static (Guid Branch, Guid Cashier, string Register) Who(ClaimsPrincipal user)
    {
        var branchId = user.BranchId() ?? throw new DomainException("Sign in at a branch to make a return.");
        var cashierId = user.UserId() ?? throw new DomainException("Sign in to make a return.");
        return (branchId, cashierId, user.RegisterName() is { Length: > 0 } r ? r : "R1");
    }

    private async Task<(Sale Sale, Branch Branch)> SaleAsync(Guid saleId, Guid branchId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sale = await db.Set<Sale>().AsNoTracking().AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == saleId && s.BranchId == branchId, ct)
            ?? throw new DomainException("That sale is not on record at this branch.");
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);
        return (sale, branch);
    }

    private async Task<List<SaleReturn>> ReturnsOfAsync(Guid saleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<SaleReturn>().AsNoTracking().AsSplitQuery().Where(r => r.SaleId == saleId).ToListAsync(ct);
    }
}
