using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>
/// A prescription-only drug never enters a sale as a store item: not scanned, not picked from a search, not left in a
/// cart saved before the rule, and not in a cart made up and submitted to checkout. Controlled ones are recorded.
/// </summary>
public class PrescriptionItemTests
{
    private static async Task<List<Product>> AddDemoPrescriptionDrugsAsync(CounterStore store)
    {
        var drugs = DemoCatalog.Products().Where(p => p.RxOnly).ToList();
        await using var db = store.Database.CreateDbContext();
        db.AddRange(drugs);
        // Stock on the shelf, so nothing but the prescription rule can refuse them.
        db.AddRange(drugs.Select(d => new StockLot(store.Branch.Id, d.Id, "RX-" + d.Gtin.Value[^6..], CounterStore.Today.AddDays(400), 50)));
        await db.SaveChangesAsync();
        return drugs;
    }

    private static async Task<RegisterSession> OpenAsync(CounterStore store, string register = "R1")
    {
        var session = store.App().CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(RegisterSessionTests.Cashier(store, register));
        return session;
    }

    private static async Task<List<AuditEvent>> RefusalsRecordedAsync(CounterStore store)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Set<AuditEvent>().Where(e => e.EventType == AuditEventTypes.PrescriptionItemRefused).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_prescription_only_demo_drug_is_refused_at_the_scan_and_from_the_search_and_nothing_is_added(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var drugs = await AddDemoPrescriptionDrugsAsync(store);
        Assert.NotEmpty(drugs);
        var session = await OpenAsync(store);
        Assert.Equal(ScanOutcomeKind.Added, (await session.ScanAsync(store.Bandages.Gtin.Value)).Kind);
        var carts = store.App().GetRequiredService<OpenCartStore>();
        var cartBefore = CartJson.Serialize((await carts.FindOpenAsync(store.Branch.Id, "R1"))!);

        foreach (var drug in drugs)
        {
            var scanned = await session.ScanAsync(drug.Gtin.Value);
            Assert.Equal(ScanOutcomeKind.Refused, scanned.Kind);
            Assert.Equal(CounterMessageKind.Error, session.Message!.Kind);
            Assert.Equal(Sale.PrescriptionItemRefusal(drug.Name), session.Message.Text);
            Assert.StartsWith("Prescription item: hand it over from its filled prescription, F11 or the bag label.", session.Message.Text, StringComparison.Ordinal);

            Assert.False(await session.AddProductAsync(drug.Id));
            Assert.Equal(Sale.PrescriptionItemRefusal(drug.Name), session.Message!.Text);
        }

        Assert.Equal(store.Bandages.Id, Assert.Single(session.Sale.ActiveLines).ProductId);
        Assert.Equal(cartBefore, CartJson.Serialize((await carts.FindOpenAsync(store.Branch.Id, "R1"))!));
        var controlled = drugs.Where(d => d.Schedule.IsControlled()).ToList();
        var recorded = await RefusalsRecordedAsync(store);
        Assert.Equal(2 * controlled.Count, recorded.Count);
        Assert.All(recorded, e => Assert.Contains(controlled, d => d.Id == e.ProductId && (int)d.Schedule == e.DeaSchedule));
        Assert.All(recorded, e => Assert.Equal(session.Sale.Id.ToString(), e.EntityId));
    }

    [Fact]
    public async Task A_name_search_still_lists_a_prescription_drug_marked_as_one()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        await AddDemoPrescriptionDrugsAsync(store);
        var session = await OpenAsync(store);

        var found = await session.ScanAsync("oxycodone");

        Assert.Equal(ScanOutcomeKind.Choose, found.Kind);
        Assert.NotEmpty(found.Choices);
        Assert.All(found.Choices, row => Assert.True(row.Rx));
        Assert.False(await session.AddProductAsync(found.Choices[0].Id));
        Assert.Empty(session.Sale.Lines);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cart_made_up_with_a_prescription_drug_as_a_store_item_is_refused_at_commit_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var drugs = await AddDemoPrescriptionDrugsAsync(store);
        var checkout = store.Checkout();

        foreach (var drug in drugs)
        {
            var sale = store.Sale("R1", (store.Bandages, 1));
            // Paid with plenty of cash: the only thing wrong with this cart is the drug on it as a store item.
            var cart = CounterStore.PaidInCash(sale, extra: 200m);
            cart = cart with { Lines = [.. cart.Lines, new CartLine(drug.Id, 1, drug.Price.Amount, null, null, null, null)] };

            var refused = await Assert.ThrowsAsync<DomainException>(() => checkout.CompleteAsync(cart, store.Cashier));

            Assert.Equal(Sale.PrescriptionItemRefusal(drug.Name), refused.Message);
        }

        Assert.Equal(0, await store.CountAsync<Sale>());
        Assert.Equal(0, await store.CountAsync<SaleLineLot>());
        Assert.Equal(0, await store.CountAsync<AuditEvent>());
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(40, await db.Set<StockLot>().Where(l => l.ProductId == store.Bandages.Id).Select(l => l.QuantityOnHand).SingleAsync());
        Assert.True(await db.Set<StockLot>().Where(l => drugs.Select(d => d.Id).Contains(l.ProductId)).AllAsync(l => l.QuantityOnHand == 50));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cart_saved_with_a_prescription_drug_before_the_rule_comes_back_without_it_open_or_suspended(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var drugs = await AddDemoPrescriptionDrugsAsync(store);
        var oxycodone = drugs.First(d => d.Schedule == DeaSchedule.II);
        var carts = store.App().GetRequiredService<OpenCartStore>();
        CartSnapshot Saved(string register, bool suspended)
        {
            var cart = CartSnapshot.Of(store.Sale(register, (store.Bandages, 2))) with { PricedAt = CounterStore.Now, Suspended = suspended };
            return cart with { Lines = [.. cart.Lines, new CartLine(oxycodone.Id, 1, oxycodone.Price.Amount, null, null, null, null)] };
        }
        var open = Saved("R1", suspended: false);
        var suspended = Saved("R2", suspended: true);
        await carts.AddAsync(open);
        await carts.AddAsync(suspended);

        var atR1 = await OpenAsync(store, "R1");
        Assert.Equal(open.SaleId, atR1.Sale.Id);
        Assert.Equal(store.Bandages.Id, Assert.Single(atR1.Sale.ActiveLines).ProductId);
        Assert.Contains(Sale.PrescriptionItemRefusal(oxycodone.Name), atR1.Message!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain((await carts.FindOpenAsync(store.Branch.Id, "R1"))!.Lines, l => l.ProductId == oxycodone.Id);

        var atR3 = await OpenAsync(store, "R3");
        Assert.True(await atR3.ResumeAsync(suspended.SaleId));
        Assert.Equal(suspended.SaleId, atR3.Sale.Id);
        Assert.Equal(store.Bandages.Id, Assert.Single(atR3.Sale.ActiveLines).ProductId);
        Assert.Contains(Sale.PrescriptionItemRefusal(oxycodone.Name), atR3.Message!.Text, StringComparison.Ordinal);
        Assert.True(await atR3.PayCashAsync("20"));

        Assert.Equal(2, (await RefusalsRecordedAsync(store)).Count);
        await using var db = store.Database.CreateDbContext();
        var sold = await db.Set<Sale>().SingleAsync(s => s.Id == suspended.SaleId);
        Assert.DoesNotContain(sold.Lines, l => l.ProductId == oxycodone.Id);
    }
}
