using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Returns;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter.Returns;

/// <summary>
/// No refund without a record, none twice, never more than was paid: returns recorded before the terminal is asked,
/// retried by their id, and stock put back into the lots the units came from. On SQLite and PostgreSQL.
/// </summary>
public class ReturnIntegrityTests
{
    private const string Reason = "Customer changed their mind";

    private static ReturnCommand Return(Sale sale, params ReturnRequest[] lines) => new(Guid.CreateVersion7(), sale.Id, lines, Reason);

    private static Guid LineOf(Sale sale, PharmacyPos.Domain.Catalog.Product product) => sale.Lines.Single(l => l.ProductId == product.Id).Id;

    /// <summary>Three ibuprofen, $17.83: $10.00 on a Visa ending 4242, $7.83 on a Visa ending 1111.</summary>
    private static async Task<(Sale Sale, string First, string Second)> TwoCardSaleAsync(CounterShop shop)
    {
        var sale = await shop.SellAsync([(shop.Ibuprofen, 3)], s =>
        {
            CounterShop.PayByCard(s, 10.00m);
            CounterShop.PayByCard(s, 7.83m, "1111");
        });
        var cards = sale.Tenders.OrderBy(t => t.Sequence).Select(t => t.TerminalReference!).ToList();
        return (sale, cards[0], cards[1]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_card_declined_leaves_the_first_refund_in_the_books_and_a_retry_completes_without_refunding_it_twice(DatabaseProvider provider)
    {
        var terminal = new CardTerminalScript();
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        var (sale, first, second) = await TwoCardSaleAsync(shop);
        var desk = shop.Get<ReturnDesk>();
        var lot = shop.LatestLot[shop.Ibuprofen.Id].Id;
        terminal.Declining[second] = true;
        var command = Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen), 3));

        var declined = await Assert.ThrowsAsync<RefundNotFinishedException>(() => desk.CommitAsync(command, shop.CashierAtRegister()));

        Assert.StartsWith("The refund of $7.83 to Visa **** 1111 was declined (Do not honour). $10.00 already went back to the customer's card and is recorded.",
            declined.Message, StringComparison.Ordinal);
        Assert.Equal(10.00m, terminal.GivenTo(first));
        await using (var db = shop.Db())
        {
            var pending = await db.Set<SaleReturn>().SingleAsync();
            Assert.Equal((command.ReturnId, ReturnStatus.Pending, Reason), (pending.Id, pending.Status, pending.Reason));
            var approved = pending.Refund(1);
            Assert.Equal((RefundStatus.Approved, $"RF-{command.ReturnId:N}-1", 10.00m), (approved.Status, approved.RefundReference, approved.Amount.Amount));
            Assert.Equal((RefundStatus.Declined, "Do not honour"), (pending.Refund(2).Status, pending.Refund(2).DeclineMessage));
            Assert.Equal(0, await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.RefundIssued));
        }
        Assert.Equal(37, await shop.OnHandAsync(lot));

        // Its units are held: no other return takes them, and it cannot be cancelled once a card was refunded.
        var other = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen), 1)), shop.CashierAtRegister("R2")));
        Assert.Equal($"{shop.Ibuprofen.Name} is in a return that is not finished. Finish that return or cancel it first.", other.Message);
        var cancel = await Assert.ThrowsAsync<DomainException>(() => desk.AbandonAsync(command.ReturnId, shop.CashierAtRegister()));
        Assert.StartsWith("$10.00 already went back to the customer's card and is recorded", cancel.Message, StringComparison.Ordinal);

        terminal.Declining.Clear();
        var done = await desk.CommitAsync(command, shop.CashierAtRegister());

        Assert.False(done.AlreadyRecorded);
        Assert.Equal(ReturnStatus.Completed, done.Return.Status);
        Assert.Equal(10.00m, terminal.GivenTo(first));
        Assert.Equal(7.83m, terminal.GivenTo(second));
        Assert.Single(terminal.Asked, r => r.OriginalTerminalReference == first);
        Assert.Equal([$"{command.ReturnId:N}-2", $"{command.ReturnId:N}-2-2"],
            terminal.Asked.Where(r => r.OriginalTerminalReference == second).Select(r => r.IdempotencyKey));
        Assert.Equal(40, await shop.OnHandAsync(lot));
        Assert.Equal((1, 1, 2, 1), await shop.RecordsAsync());
        Assert.True((await desk.CommitAsync(command, shop.CashierAtRegister())).AlreadyRecorded);
        Assert.Equal(3, terminal.Asked.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refund_whose_answer_was_lost_is_asked_again_under_the_same_key_and_given_once(DatabaseProvider provider)
    {
        var terminal = new CardTerminalScript();
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)], s => CounterShop.PayByCard(s, s.Total.Amount));
        var card = sale.Tenders.Single().TerminalReference!;
        terminal.LosingAnswer[card] = true;
        var command = Return(sale, new ReturnRequest(LineOf(sale, shop.Ibuprofen), 2));
        var desk = shop.Get<ReturnDesk>();

        var lost = await Assert.ThrowsAsync<RefundNotFinishedException>(() => desk.CommitAsync(command, shop.CashierAtRegister()));
        Assert.StartsWith("The terminal did not answer for the refund of $11.89 to Visa **** 4242.", lost.Message, StringComparison.Ordinal);
        Assert.Equal(RefundStatus.Sent, lost.Return.Refund(1).Status);
        var cancel = await Assert.ThrowsAsync<DomainException>(() => desk.AbandonAsync(command.ReturnId, shop.CashierAtRegister()));
        Assert.Contains("may have gone through", cancel.Message, StringComparison.Ordinal);

        var done = await desk.CommitAsync(command, shop.CashierAtRegister());

        Assert.Equal(ReturnStatus.Completed, done.Return.Status);
        Assert.Equal(11.89m, terminal.GivenTo(card));
        Assert.Equal([$"{command.ReturnId:N}-1", $"{command.ReturnId:N}-1"], terminal.Asked.Select(r => r.IdempotencyKey));
        Assert.Equal(40, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cancelled_return_cannot_be_refunded_and_its_units_are_refunded_once(DatabaseProvider provider)
    {
        var terminal = new CardTerminalScript();
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        var sale = await shop.SellAsync([(shop.Ibuprofen, 2)], s => CounterShop.PayByCard(s, s.Total.Amount));
        var card = sale.Tenders.Single().TerminalReference!;
        var line = LineOf(sale, shop.Ibuprofen);
        var desk = shop.Get<ReturnDesk>();
        terminal.Declining[card] = true;
        var command = Return(sale, new ReturnRequest(line, 2));
        await Assert.ThrowsAsync<RefundNotFinishedException>(() => desk.CommitAsync(command, shop.CashierAtRegister()));

        await desk.AbandonAsync(command.ReturnId, shop.CashierAtRegister());
        terminal.Declining.Clear();

        var again = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(command, shop.CashierAtRegister()));
        Assert.Equal("This return was cancelled; nothing was refunded. Start a new return.", again.Message);
        Assert.Equal(0m, terminal.GivenTo(card));
        await desk.CommitAsync(Return(sale, new ReturnRequest(line, 2)), shop.CashierAtRegister());
        var twice = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Return(sale, new ReturnRequest(line, 1)), shop.CashierAtRegister()));
        Assert.Equal($"Every unit of {shop.Ibuprofen.Name} was already returned.", twice.Message);
        Assert.Equal(11.89m, terminal.GivenTo(card));
        Assert.Equal(40, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
        await using var db = shop.Db();
        Assert.Equal([ReturnStatus.Abandoned, ReturnStatus.Completed], await db.Set<SaleReturn>().OrderBy(r => r.ReturnedAt).ThenBy(r => r.Id).Select(r => r.Status).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Returns_at_several_registers_at_once_never_refund_more_than_each_card_paid(DatabaseProvider provider)
    {
        var terminal = new CardTerminalScript();
        await using var shop = await CounterShop.CreateAsync(provider, terminal);
        var (sale, first, second) = await TwoCardSaleAsync(shop);
        var desk = shop.Get<ReturnDesk>();
        var line = LineOf(sale, shop.Ibuprofen);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(async r =>
        {
            try
            {
                await desk.CommitAsync(Return(sale, new ReturnRequest(line, 1)), shop.CashierAtRegister($"R{r}"));
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        }));

        Assert.Equal(3, outcomes.Count(o => o));
        Assert.Equal((10.00m, 7.83m), (terminal.GivenTo(first), terminal.GivenTo(second)));
        await using var db = shop.Db();
        var refunds = await db.Set<RefundTender>().Where(r => r.Status == RefundStatus.Approved).ToListAsync();
        Assert.Equal(sale.Total.Amount, refunds.Sum(r => r.Amount.Amount));
        Assert.Equal(40, await shop.OnHandAsync(shop.LatestLot[shop.Ibuprofen.Id].Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Units_go_back_to_the_lots_they_were_sold_from_counting_earlier_returns_of_each_lot(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var latest = shop.LatestLot[shop.Ibuprofen.Id].Id;
        var near = shop.NearLot[shop.Ibuprofen.Id].Id;
        var sale = await shop.SellAsync([(shop.Ibuprofen, 5)], takenFrom: [(latest, 3), (near, 2)]);
        var line = LineOf(sale, shop.Ibuprofen);
        var desk = shop.Get<ReturnDesk>();
        Assert.Equal((37, 3), (await shop.OnHandAsync(latest), await shop.OnHandAsync(near)));

        await desk.CommitAsync(Return(sale, new ReturnRequest(line, 2)), shop.CashierAtRegister());
        Assert.Equal((39, 3), (await shop.OnHandAsync(latest), await shop.OnHandAsync(near)));
        // The damaged unit counts as the third from the latest lot; it does not go back on the shelf.
        await desk.CommitAsync(Return(sale, new ReturnRequest(line, 1, Damaged: true)), shop.CashierAtRegister());
        Assert.Equal((39, 3), (await shop.OnHandAsync(latest), await shop.OnHandAsync(near)));
        var last = await desk.CommitAsync(Return(sale, new ReturnRequest(line, 2)), shop.CashierAtRegister());

        Assert.Equal((39, 5), (await shop.OnHandAsync(latest), await shop.OnHandAsync(near)));
        await using var db = shop.Db();
        var lastLine = last.Return.Lines.Single().Id;
        var placed = await db.Set<ReturnLineLot>().Where(x => x.ReturnLineId == lastLine).ToListAsync();
        Assert.Equal((near, 2, true), (placed.Single().LotId, placed.Single().Quantity, placed.Single().Restock));
        Assert.Equal(5, await db.Set<ReturnLineLot>().SumAsync(x => x.Quantity));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_refund_threshold_counts_every_return_of_the_sale(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        // Ten ibuprofen: $54.90 + $4.53 tax = $59.43, above the $50.00 threshold only when returned together.
        var sale = await shop.SellAsync([(shop.Ibuprofen, 10)]);
        var line = LineOf(sale, shop.Ibuprofen);
        var desk = shop.Get<ReturnDesk>();
        await desk.CommitAsync(Return(sale, new ReturnRequest(line, 5)), shop.CashierAtRegister());

        var unapproved = await Assert.ThrowsAsync<DomainException>(() => desk.CommitAsync(Return(sale, new ReturnRequest(line, 5)), shop.CashierAtRegister()));

        Assert.Equal("With this refund of $29.71, refunds on this sale come to $59.43: more than $50.00 needs a manager's approval.", unapproved.Message);
        Assert.Equal((1, 1, 1, 1), await shop.RecordsAsync());
        var approved = await desk.CommitAsync(Return(sale, new ReturnRequest(line, 5)) with
        {
            Approval = new ManagerCredentials(shop.Manager.UserName!, CounterShop.ManagerPassword),
        }, shop.CashierAtRegister());
        Assert.Equal(shop.Manager.Id, approved.Return.ApprovedByUserId);
        await using var db = shop.Db();
        var audit = await db.Set<AuditEvent>().Where(e => e.EventType == AuditEventTypes.RefundIssued && e.EntityId == approved.Return.Id.ToString()).SingleAsync();
        Assert.Equal(shop.Manager.Id, audit.ApprovedByUserId);
    }
}
