using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Returns;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter.Returns;

/// <summary>Returns and refunds against committed sales, on SQLite and PostgreSQL, through the app's own services.</summary>
public class ReturnDeskTests
{
    private const string Reason = "Customer changed their mind";

    private static ReturnCommand Return(Sale sale, params ReturnRequest[] lines) =>
        new(Guid.CreateVersion7(), sale.Id, lines, Reason);

    private static SaleLine LineOf(Sale sale, PharmacyPos.Domain.Catalog.Product product) => sale.Lines.Single(l => l.ProductId == product.Id);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Partial_return_puts_the_units_back_into_the_lot_they_came_from(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 3)]);
        var lot = shop.LatestLot[shop.Ibuprofen.Id].Id;
        Assert.Equal(37, await shop.OnHandAsync(lot));

        var result = await shop.Get<ReturnDesk>().CommitAsync(Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 2)), shop.CashierAtRegister());

        Assert.False(result.AlreadyRecorded);
        Assert.Equal(39, await shop.OnHandAsync(lot));
        Assert.Equal(5, await shop.OnHandAsync(shop.NearLot[shop.Ibuprofen.Id].Id));
        // 3 × $5.49 = $16.47, tax 8.25% = $1.36; two thirds: $10.98 + $0.91.
        Assert.Equal(Money.Of(11.89m), result.Return.Total);
        await using var db = shop.Db();
        var saved = await db.Set<SaleReturn>().SingleAsync();
        Assert.Equal(2, saved.Lines.Single().Quantity);
        Assert.Equal(Money.Of(11.89m), saved.Refunds.Single(r => r.Kind == TenderKind.Cash).Amount);
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.RefundIssued);
        Assert.Equal(Reason, audit.Reason);
        Assert.Equal(saved.Id.ToString(), audit.EntityId);
        Assert.Equal(shop.Cashier.Id, audit.UserId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Units_go_back_to_the_lot_the_sale_line_names(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var near = shop.NearLot[shop.Ibuprofen.Id].Id;
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)], lotId: near);
        Assert.Equal(3, await shop.OnHandAsync(near));

        await shop.Get<ReturnDesk>().CommitAsync(Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 2)), shop.CashierAtRegister());

        Assert.Equal(5, await shop.OnHandAsync(near));
        Assert.Equal(40, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Damaged_units_are_refunded_but_not_put_back_on_the_shelf(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)]);
        var lot = shop.LatestLot[shop.Ibuprofen.Id].Id;

        var result = await shop.Get<ReturnDesk>().CommitAsync(
            Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 1, Damaged: true)), shop.CashierAtRegister());

        Assert.Equal(38, await shop.OnHandAsync(lot));
        Assert.True(result.Return.Lines.Single().Damaged);
        Assert.Equal(Money.Of(5.95m), result.Return.Total); // $5.49 + half of $0.91 tax, rounded half away from zero
        Assert.Equal((1, 1, 1, 1), await shop.RecordsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refund_goes_back_to_the_tenders_that_paid_and_adds_up_to_what_was_paid(DatabaseProvider provider)
    {
        var terminal = new RecordingTerminal(approve: true);
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        // $16.47 + $1.36 tax = $17.83: $10.00 on the card, the rest in cash.
        var sale = await shop.SellAsync([(shop.Ibuprofen, 3)], s => CounterShop.PayByCard(s, 10.00m));
        Assert.Equal(Money.Of(17.83m), sale.Total);
        var card = sale.Tenders.Single(t => t.Kind == TenderKind.Card);

        var returnId = Guid.CreateVersion7();
        var result = await shop.Get<ReturnDesk>().CommitAsync(
            new ReturnCommand(returnId, sale.Id, [new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 3)], Reason), shop.CashierAtRegister());

        Assert.Equal(sale.Total, result.Return.Total);
        await using var db = shop.Db();
        var refunds = (await db.Set<SaleReturn>().SingleAsync()).Refunds.ToList();
        Assert.Equal(Money.Of(10.00m), refunds.Single(r => r.Kind == TenderKind.Card).Amount);
        Assert.Equal(card.Id, refunds.Single(r => r.Kind == TenderKind.Card).OriginalTenderId);
        Assert.Equal(Money.Of(7.83m), refunds.Single(r => r.Kind == TenderKind.Cash).Amount);
        Assert.Equal(sale.AmountPaid.Amount, refunds.Sum(r => r.Amount.Amount));
        var request = Assert.Single(terminal.Refunds);
        Assert.Equal(10.00m, request.Amount);
        Assert.Equal(card.TerminalReference, request.OriginalTerminalReference);
        Assert.Equal($"{returnId:N}-1", request.IdempotencyKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Returning_more_than_was_sold_is_refused_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)]);
        var lot = shop.LatestLot[shop.Ibuprofen.Id].Id;

        var refused = await Assert.ThrowsAsync<DomainException>(() => shop.Get<ReturnDesk>().CommitAsync(
            Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 3)), shop.CashierAtRegister()));

        Assert.Equal($"Only 2 of {shop.Ibuprofen.Name} can still be returned (2 sold, 0 returned).", refused.Message);
        Assert.Equal((0, 0, 0, 0), await shop.RecordsAsync());
        Assert.Equal(38, await shop.OnHandAsync(lot));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Returning_the_same_units_twice_is_refused_and_the_second_return_writes_nothing(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)]);
        var desk = shop.Get<ReturnDesk>();
        var line = LineOf(sale, shop.Ibuprofen).Id;
        await desk.CommitAsync(Return(sale, new ReturnRequest(line, 2)), shop.CashierAtRegister());

        var refused = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Return(sale, new ReturnRequest(line, 1)), shop.CashierAtRegister()));

        Assert.Equal($"Every unit of {shop.Ibuprofen.Name} was already returned.", refused.Message);
        Assert.Equal((1, 1, 1, 1), await shop.RecordsAsync());
        Assert.Equal(40, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_return_clicked_twice_commits_once(DatabaseProvider provider)
    {
        var terminal = new RecordingTerminal(approve: true);
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)], s => CounterShop.PayByCard(s, s.Total.Amount));
        var command = Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 1));
        var desk = shop.Get<ReturnDesk>();

        var results = await Task.WhenAll(desk.CommitAsync(command, shop.CashierAtRegister()), desk.CommitAsync(command, shop.CashierAtRegister()));

        Assert.Single(results, r => !r.AlreadyRecorded);
        Assert.Equal((1, 1, 1, 1), await shop.RecordsAsync());
        Assert.Equal(39, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
        Assert.Single(terminal.Refunds.Select(r => r.IdempotencyKey).Distinct());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_registers_returning_the_same_units_at_once_let_exactly_one_through(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2), (shop.Nebulizer, 1)]);
        var line = LineOf(sale, shop.Ibuprofen).Id;
        var desk = shop.Get<ReturnDesk>();
        const int registers = 4;

        var outcomes = await Task.WhenAll(Enumerable.Range(1, registers).Select(async r =>
        {
            try
            {
                await desk.CommitAsync(Return(sale, new ReturnRequest(line, 2)), shop.CashierAtRegister($"R{r}"));
                return "returned";
            }
            catch (DomainException ex)
            {
                return ex.Message;
            }
        }));

        Assert.Single(outcomes, o => o == "returned");
        Assert.All(outcomes.Where(o => o != "returned"), o => Assert.Equal($"Every unit of {shop.Ibuprofen.Name} was already returned.", o));
        Assert.Equal((1, 1, 1, 1), await shop.RecordsAsync());
        Assert.Equal(40, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refund_above_the_threshold_needs_a_managers_approval(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Nebulizer, 1)]);
        var line = LineOf(sale, shop.Nebulizer).Id;
        var desk = shop.Get<ReturnDesk>();
        var lot = shop.LatestLot[shop.Nebulizer.Id].Id;
        ReturnCommand Approved(string user, string password) =>
            Return(sale, new ReturnRequest(line, 1)) with { Approval = new ManagerCredentials(user, password) };

        var unapproved = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Return(sale, new ReturnRequest(line, 1)), shop.CashierAtRegister()));
        Assert.Equal("A refund of $70.35 needs a manager's approval (more than $50.00).", unapproved.Message);
        var wrongPassword = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Approved(shop.Manager.UserName!, "Not-The-Password-1"), shop.CashierAtRegister()));
        Assert.Equal(ManagerApproval.NotApproved, wrongPassword.Message);
        var cashier = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Approved(shop.Cashier2.UserName!, CounterShop.CashierPassword), shop.CashierAtRegister()));
        Assert.Contains("not a manager", cashier.Message, StringComparison.Ordinal);
        var otherBranch = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Approved(shop.OtherBranchManager.UserName!, CounterShop.ManagerPassword), shop.CashierAtRegister()));
        Assert.Equal("Only a manager of this branch can approve this refund.", otherBranch.Message);
        Assert.Equal((0, 0, 0, 0), await shop.RecordsAsync());
        Assert.Equal(39, await shop.OnHandAsync(lot));

        var result = await desk.CommitAsync(Approved(shop.Manager.UserName!, CounterShop.ManagerPassword), shop.CashierAtRegister());

        Assert.Equal(shop.Manager.Id, result.Return.ApprovedByUserId);
        Assert.Equal(40, await shop.OnHandAsync(lot));
        await using var db = shop.Db();
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.RefundIssued);
        Assert.Equal(shop.Manager.Id, audit.ApprovedByUserId);
        Assert.Equal(shop.Manager.UserName, audit.ApprovedByName);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dispensed_prescription_is_not_taken_back(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Amoxicillin, 1), (shop.Ibuprofen, 1)]);

        var refused = await Assert.ThrowsAsync<DomainException>(() => shop.Get<ReturnDesk>().CommitAsync(
            Return(sale, new ReturnRequest(LineOf(sale, shop.Amoxicillin).Id, 1), new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 1)),
            shop.CashierAtRegister()));

        Assert.Equal(SaleReturn.DispensedPrescription, refused.Message);
        Assert.Equal((0, 0, 0, 0), await shop.RecordsAsync());
        Assert.Equal(39, await shop.OnHandAsync(shop.LatestLot[shop.Amoxicillin.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Declined_card_refund_refunds_nothing_and_keeps_the_return_pending(DatabaseProvider provider)
    {
        var terminal = new RecordingTerminal(approve: false);
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)], s => CounterShop.PayByCard(s, s.Total.Amount));

        var refused = await Assert.ThrowsAsync<RefundNotFinishedException>(() => shop.Get<ReturnDesk>().CommitAsync(
            Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 2)), shop.CashierAtRegister()));

        Assert.StartsWith("The refund of $11.89 to Visa **** 4242 was declined (The card has expired.). Nothing was returned", refused.Message, StringComparison.Ordinal);
        Assert.Single(terminal.Refunds);
        // The intent stays on record (no refund issued, nothing back in stock, no refund audit) so a retry or a cancel can follow.
        Assert.Equal((1, 1, 1, 0), await shop.RecordsAsync());
        await using var db = shop.Db();
        var pending = await db.Set<SaleReturn>().SingleAsync();
        Assert.Equal((ReturnStatus.Pending, RefundStatus.Declined), (pending.Status, pending.Refunds.Single().Status));
        Assert.Equal(38, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_return_without_a_reason_is_refused(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 1)]);

        var refused = await Assert.ThrowsAsync<DomainException>(() => shop.Get<ReturnDesk>().CommitAsync(
            Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen).Id, 1)) with { Reason = "  " }, shop.CashierAtRegister()));

        Assert.Equal("Enter the reason for the return; it is kept in the audit trail.", refused.Message);
        Assert.Equal((0, 0, 0, 0), await shop.RecordsAsync());
    }

    /// <summary>A card terminal that approves or declines every refund and remembers what it was asked.</summary>
    private sealed class RecordingTerminal(bool approve) : IPaymentTerminal
    {
        private readonly ConcurrentDictionary<string, CardRefundResult> _answers = new();
        public ConcurrentQueue<CardRefundRequest> Refunds { get; } = new();

        public Task<CardPaymentResult> ChargeAsync(CardPaymentRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Returns never charge a card.");

        public Task<CardRefundResult> RefundAsync(CardRefundRequest request, CancellationToken cancellationToken)
        {
            Refunds.Enqueue(request);
            return Task.FromResult(_answers.GetOrAdd(request.IdempotencyKey, _ => approve
                ? new CardRefundResult(true, "RF" + request.IdempotencyKey, "Approved.")
                : new CardRefundResult(false, null, "The card has expired.")));
        }

        public Task<CardReversalResult> ReverseAsync(CardReversalRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Returns never reverse a charge.");
    }
}
