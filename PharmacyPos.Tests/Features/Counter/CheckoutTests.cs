using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>The commit path of a sale, on SQLite and PostgreSQL.</summary>
public class CheckoutTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Completed_sale_commits_its_lines_tenders_stock_lots_and_audit_record_together(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var sale = store.Sale("R1", (store.Ibuprofen, 2), (store.Bandages, 1));
        var screenTotal = sale.Total;
        var cart = CounterStore.PaidInCash(sale, extra: 5.00m);
        await store.App().GetRequiredService<OpenCartStore>().AddAsync(cart);

        var committed = await store.Checkout().CompleteAsync(cart, store.Cashier);

        Assert.Equal(5.00m, committed.ChangeDue.Amount);
        await using var db = store.Database.CreateDbContext();
        var saved = await db.Set<Sale>().SingleAsync(s => s.Id == cart.SaleId);
        Assert.Equal(SaleStatus.Completed, saved.Status);
        Assert.Equal(screenTotal, saved.Total);
        Assert.Equal(2 * 5.49m + 4.29m, saved.Subtotal.Amount);
        Assert.Equal(2, saved.Lines.Count);
        var tender = Assert.Single(saved.Tenders);
        Assert.Equal(screenTotal.Amount + 5.00m, tender.CashTendered!.Value.Amount);
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.SaleCompleted && e.EntityId == sale.Id.ToString()));
        Assert.Equal(1, await store.OnHandAsync(store.IbuprofenNear));
        var lineLots = await db.Set<SaleLineLot>().ToListAsync();
        Assert.Equal(3, lineLots.Sum(l => l.Quantity));
        Assert.Equal(0, await db.Set<OpenCart>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failing_commit_step_leaves_no_sale_no_stock_change_and_no_audit_record(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var cart = CounterStore.PaidInCash(store.Sale("R1", (store.Ibuprofen, 4)));
        await store.App().GetRequiredService<OpenCartStore>().AddAsync(cart);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => store.Checkout(new RefusingStep()).CompleteAsync(cart, store.Cashier));

        Assert.Equal(RefusingStep.Message, refusal.Message);
        Assert.Equal(0, await store.CountAsync<Sale>());
        Assert.Equal(0, await store.CountAsync<SaleLineLot>());
        Assert.Equal(0, await store.CountAsync<AuditEvent>());
        Assert.Equal(3, await store.OnHandAsync(store.IbuprofenNear));
        Assert.Equal(20, await store.OnHandAsync(store.IbuprofenFar));
        Assert.Equal(1, await store.CountAsync<OpenCart>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stock_comes_from_the_earliest_lot_in_date_and_never_from_an_expired_one(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var sale = store.Sale("R1", (store.Ibuprofen, 5));

        await store.Checkout().CompleteAsync(CounterStore.PaidInCash(sale), store.Cashier);

        Assert.Equal(10, await store.OnHandAsync(store.IbuprofenExpired));
        Assert.Equal(0, await store.OnHandAsync(store.IbuprofenNear));
        Assert.Equal(18, await store.OnHandAsync(store.IbuprofenFar));
        await using var db = store.Database.CreateDbContext();
        var line = Assert.Single((await db.Set<Sale>().SingleAsync(s => s.Id == sale.Id)).Lines);
        var lots = await db.Set<SaleLineLot>().Where(l => l.SaleLineId == line.Id).ToDictionaryAsync(l => l.LotId, l => l.Quantity);
        Assert.Equal(new Dictionary<Guid, int> { [store.IbuprofenNear.Id] = 3, [store.IbuprofenFar.Id] = 2 }, lots);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task More_than_the_lots_in_date_hold_is_refused_plainly_and_nothing_is_taken(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        // 23 in date (3 + 20); the 10 expired units do not count.
        var cart = CounterStore.PaidInCash(store.Sale("R1", (store.Bandages, 1), (store.Ibuprofen, 24)));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => store.Checkout().CompleteAsync(cart, store.Cashier));

        Assert.Equal($"Only 23 of {store.Ibuprofen.Name} left in stock.", refusal.Message);
        Assert.Equal(3, await store.OnHandAsync(store.IbuprofenNear));
        Assert.Equal(20, await store.OnHandAsync(store.IbuprofenFar));
        Assert.Equal(0, await store.CountAsync<Sale>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_pack_from_the_lot_a_DataMatrix_named_is_taken_from_that_lot_and_an_expired_one_is_refused(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var fromFar = new Sale(Guid.CreateVersion7(), SaleNumbers.New(store.Branch, CounterStore.Now), store.Branch.Id, "R1", store.Cashier.UserId!.Value, CounterStore.Now);
        fromFar.AddLine(store.Ibuprofen, 1, store.Branch, store.IbuprofenFar.Id);
        fromFar.ApplyPromotions(PharmacyPos.Domain.Pricing.PricingEngine.WithoutPromotions, CounterStore.Now);
        await store.Checkout().CompleteAsync(CounterStore.PaidInCash(fromFar), store.Cashier);
        Assert.Equal(19, await store.OnHandAsync(store.IbuprofenFar));
        Assert.Equal(3, await store.OnHandAsync(store.IbuprofenNear));

        var fromExpired = new Sale(Guid.CreateVersion7(), SaleNumbers.New(store.Branch, CounterStore.Now), store.Branch.Id, "R1", store.Cashier.UserId!.Value, CounterStore.Now);
        fromExpired.AddLine(store.Ibuprofen, 1, store.Branch, store.IbuprofenExpired.Id);
        fromExpired.ApplyPromotions(PharmacyPos.Domain.Pricing.PricingEngine.WithoutPromotions, CounterStore.Now);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => store.Checkout().CompleteAsync(CounterStore.PaidInCash(fromExpired), store.Cashier));
        Assert.Equal(StockTaking.ExpiredLotMessage, refusal.Message);
        Assert.Equal(10, await store.OnHandAsync(store.IbuprofenExpired));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_sale_submitted_twice_commits_once_and_both_see_it(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var cart = CounterStore.PaidInCash(store.Sale("R1", (store.Loratadine, 2)), extra: 1.00m);

        var first = await store.Checkout().CompleteAsync(cart, store.Cashier);
        var again = await store.Checkout().CompleteAsync(cart, store.Cashier);

        Assert.Equal(first, again);
        Assert.Equal(1, await store.CountAsync<Sale>());
        Assert.Equal(3, await store.OnHandAsync(store.LoratadineLot));
        Assert.Equal(1, await store.CountAsync<AuditEvent>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_sale_submitted_at_once_from_several_connections_commits_once(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var cart = CounterStore.PaidInCash(store.Sale("R1", (store.Loratadine, 1)));
        var handlers = Enumerable.Range(0, 8).Select(_ => store.Checkout()).ToList();

        using var go = new ManualResetEventSlim();
        var submits = handlers.Select(h => Task.Run(async () =>
        {
            go.Wait();
            return await h.CompleteAsync(cart, store.Cashier);
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(submits);

        Assert.All(results, r => Assert.Equal(cart.SaleId, r.SaleId));
        Assert.Single(results.Select(r => r.SaleNumber).Distinct());
        Assert.Equal(1, await store.CountAsync<Sale>());
        Assert.Equal(4, await store.OnHandAsync(store.LoratadineLot));
        Assert.Equal(1, await store.CountAsync<AuditEvent>());
        Assert.Equal(1, await store.CountAsync<SaleLineLot>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Twenty_registers_selling_the_last_five_units_never_drive_stock_below_zero(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var carts = Enumerable.Range(1, 20).Select(r => CounterStore.PaidInCash(store.Sale($"R{r}", (store.Loratadine, 1)))).ToList();
        var checkout = store.Checkout();

        using var go = new ManualResetEventSlim();
        var attempts = carts.Select(cart => Task.Run(async () =>
        {
            go.Wait();
            try
            {
                await checkout.CompleteAsync(cart, store.Cashier);
                return null;
            }
            catch (DomainException ex)
            {
                return ex.Message;
            }
        })).ToList();
        go.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal($"{store.Loratadine.Name} is out of stock.", o));
        Assert.Equal(0, await store.OnHandAsync(store.LoratadineLot));
        Assert.Equal(5, await store.CountAsync<Sale>());
        Assert.Equal(5, await store.CountAsync<AuditEvent>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sale_number_another_register_drew_in_the_same_second_is_drawn_again(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var first = CounterStore.PaidInCash(store.Sale("R1", (store.Bandages, 1)));
        var second = CounterStore.PaidInCash(store.Sale("R2", (store.Bandages, 1))) with { SaleNumber = first.SaleNumber };
        var checkout = store.Checkout();

        var one = await checkout.CompleteAsync(first, store.Cashier);
        var two = await checkout.CompleteAsync(second, store.Cashier);

        Assert.Equal(first.SaleNumber, one.SaleNumber);
        Assert.NotEqual(one.SaleNumber, two.SaleNumber);
        Assert.Matches("^S[0-9]{6,20}$", two.SaleNumber);
        Assert.Equal(2, await store.CountAsync<Sale>());
        Assert.Equal(38, await store.OnHandAsync(await BandagesLotAsync(store)));
    }

    private static async Task<StockLot> BandagesLotAsync(CounterStore store)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Set<StockLot>().SingleAsync(l => l.ProductId == store.Bandages.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_voided_sale_is_kept_with_its_reason_and_its_cart_goes(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var sale = store.Sale("R1", (store.Bandages, 2));
        var cart = CartSnapshot.Of(sale) with { PricedAt = CounterStore.Now };
        await store.App().GetRequiredService<OpenCartStore>().AddAsync(cart);

        await store.Checkout().VoidAsync(cart, "Customer left", store.Cashier);

        await using var db = store.Database.CreateDbContext();
        var saved = await db.Set<Sale>().SingleAsync();
        Assert.Equal(SaleStatus.Voided, saved.Status);
        Assert.Equal("Customer left", saved.VoidReason);
        var audit = await db.Set<AuditEvent>().SingleAsync();
        Assert.Equal(AuditEventTypes.SaleVoided, audit.EventType);
        Assert.Equal("Customer left", audit.Reason);
        Assert.Equal(0, await db.Set<OpenCart>().CountAsync());
        Assert.Equal(40, await db.Set<StockLot>().Where(l => l.ProductId == store.Bandages.Id).SumAsync(l => l.QuantityOnHand));
    }

    private sealed class RefusingStep : ISaleCommitStep
    {
        public const string Message = "The logbook refuses this sale.";

        public async Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken)
        {
            // Writes something first, as a real step would, to prove it is rolled back too.
            context.Db.Add(AuditEvent.Record(context.At, AuditEventTypes.ListedChemicalRefused, context.Actor, "Sale", context.Sale.Id.ToString()));
            await Task.Yield();
            throw new DomainException(Message);
        }
    }
}
