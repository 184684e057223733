using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.Features.Counter;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>A prescription fill on the sale: charged at its copay, kept in the open cart, and taking no stock at checkout.</summary>
public class PickupLineCheckoutTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_fill_picked_up_takes_no_stock_because_it_was_taken_when_dispensed(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var sale = new Sale(Guid.CreateVersion7(), SaleNumbers.New(store.Branch, CounterStore.Now), store.Branch.Id, "R1", store.Cashier.UserId!.Value, CounterStore.Now);
        var fillId = Guid.CreateVersion7();
        sale.AddPrescriptionLine(store.Loratadine, fillId, Money.Of(3.00m), store.Branch);
        sale.AddLine(store.Bandages, 1, store.Branch);
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, CounterStore.Now);
        var cart = CounterStore.PaidInCash(sale);
        await store.App().GetRequiredService<OpenCartStore>().AddAsync(cart);

        await store.Checkout().CompleteAsync(cart, store.Cashier);

        Assert.Equal(5, await store.OnHandAsync(store.LoratadineLot));
        await using var db = store.Database.CreateDbContext();
        var saved = await db.Set<Sale>().SingleAsync(s => s.Id == sale.Id);
        Assert.Equal(3.00m + 4.29m, saved.Subtotal.Amount);
        Assert.Contains(saved.Lines, l => l.IsPrescription && l.UnitPrice == Money.Of(3.00m));
        var lots = await db.Set<SaleLineLot>().ToListAsync();
        Assert.Equal(1, lots.Sum(l => l.Quantity));
        Assert.Equal(39, await db.Set<StockLot>().Where(l => l.ProductId == store.Bandages.Id).Select(l => l.QuantityOnHand).SingleAsync());
    }

    [Fact]
    public async Task The_open_cart_keeps_the_fill_and_its_copay_through_a_reload()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var sale = new Sale(Guid.CreateVersion7(), SaleNumbers.New(store.Branch, CounterStore.Now), store.Branch.Id, "R1", store.Cashier.UserId!.Value, CounterStore.Now);
        var fillId = Guid.CreateVersion7();
        sale.AddPrescriptionLine(store.Loratadine, fillId, Money.Of(2.50m), store.Branch);
        var evidence = new SaleEvidence { FillIds = [fillId] };

        var json = CartJson.Serialize(CartSnapshot.Of(sale) with { Evidence = evidence, PricedAt = CounterStore.Now });
        await using var db = store.Database.CreateDbContext();
        var rebuilt = (await CartReplay.RebuildAsync(db, CartJson.Deserialize(json), default)).Sale;

        var line = Assert.Single(rebuilt.ActiveLines);
        Assert.Equal(fillId, line.FillId);
        Assert.Equal(Money.Of(2.50m), line.UnitPrice);
        Assert.True(line.IsPrescription);
        Assert.Equal(fillId, Assert.Single(CartJson.Deserialize(json).Evidence.FillIds));
    }
}
