using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>
/// A register is a place: one open sale belongs to one screen at a time, on either database and across instances
/// of the app (each screen below is its own instance; only the database is shared).
/// </summary>
public class RegisterScreensTests
{
    /// <summary>A browser signed in at a register: its own sign-in session, as the sign-in form makes it.</summary>
    private static ClaimsPrincipal SignedIn(CounterStore store, string register, string signIn, string displayName = "Casey Cashier") => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, store.Cashier.UserId!.Value.ToString()),
        new Claim(ClaimTypes.Name, "cashier"),
        new Claim(ClaimTypes.Role, "Cashier"),
        new Claim(PosClaims.Branch, store.Branch.Id.ToString()),
        new Claim(PosClaims.Register, register),
        new Claim(PosClaims.Session, signIn),
        new Claim(PosClaims.DisplayName, displayName),
    ], "Test"));

    private static async Task<RegisterSession> ScreenAsync(CounterStore store, string register, string signIn, string displayName = "Casey Cashier")
    {
        var session = store.App().CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(SignedIn(store, register, signIn, displayName));
        return session;
    }

    private static async Task<OpenCart> OpenCartAtAsync(CounterStore store, string register)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Set<OpenCart>().AsNoTracking().SingleAsync(c => c.Register == register && c.Status == OpenCartStatus.Open);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_screen_is_told_who_holds_the_register_and_taking_it_over_locks_the_first(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var first = await ScreenAsync(store, "R1", "browser-a", "Avery Front");
        Assert.Equal(ScanOutcomeKind.Added, (await first.ScanAsync(store.Bandages.Gtin.Value)).Kind);

        var second = await ScreenAsync(store, "R1", "browser-b", "Blake Late");

        Assert.False(second.Started);
        Assert.Contains("Avery Front", second.HeldElsewhere!.By, StringComparison.Ordinal);
        Assert.Equal(1, (await OpenCartAtAsync(store, "R1")).ItemCount);

        Assert.True(await second.TakeOverAsync());
        Assert.Equal(first.Sale.Id, second.Sale.Id);
        Assert.Single(second.Sale.ActiveLines);
        await using (var audit = store.Database.CreateDbContext())
        {
            var taken = await audit.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.RegisterTakenOver);
            Assert.Equal("R1", taken.EntityId);
            Assert.Contains("Avery Front", taken.Before!, StringComparison.Ordinal);
            Assert.Contains("Blake Late", taken.After!, StringComparison.Ordinal);
        }

        // The first screen learns it at its next look, or at its next write; either way it changes nothing.
        Assert.False(await first.PollHoldAsync());
        Assert.Contains("Blake Late", first.LockedBy, StringComparison.Ordinal);
        Assert.Equal(ScanOutcomeKind.Refused, (await first.ScanAsync(store.Ibuprofen.Gtin.Value)).Kind);
        Assert.False(await first.PayCashAsync("100"));
        Assert.Equal(first.LockedMessage, first.Message!.Text);
        Assert.Equal(1, (await OpenCartAtAsync(store, "R1")).ItemCount);
        Assert.Equal(0, await store.CountAsync<Sale>());

        Assert.Equal(ScanOutcomeKind.Added, (await second.ScanAsync(store.Ibuprofen.Gtin.Value)).Kind);
        Assert.True(await second.PayCashAsync("100"));
        await using var db = store.Database.CreateDbContext();
        var sold = await db.Set<Sale>().SingleAsync();
        Assert.Equal(2, sold.ActiveLines.Count());
        Assert.Equal(100m, Assert.Single(sold.Tenders).CashTendered!.Value.Amount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_screen_locked_without_having_looked_writes_nothing_and_taking_the_register_back_shows_the_other_screens_sale(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var first = await ScreenAsync(store, "R2", "browser-a");
        await first.ScanAsync(store.Bandages.Gtin.Value);
        var second = await ScreenAsync(store, "R2", "browser-b");
        Assert.True(await second.TakeOverAsync());
        await second.ScanAsync(store.Ibuprofen.Gtin.Value);

        // The first screen has not looked since: its change is refused at the write, not written over the second's.
        var line = first.Sale.ActiveLines.Single();
        Assert.False(await first.ChangeQuantityAsync(line.Id, 5));
        Assert.NotNull(first.LockedBy);
        Assert.Equal(1, first.Sale.ActiveLines.Single().Quantity);
        var held = await OpenCartAtAsync(store, "R2");
        Assert.Equal(2, held.ItemCount);

        Assert.True(await first.TakeOverAsync());
        Assert.Null(first.LockedBy);
        Assert.Equal(2, first.Sale.ActiveLines.Count());
        Assert.False(await second.PollHoldAsync());
        Assert.False(await second.DiscountBasketAsync(Discount.Percent(10, "Staff")));
        Assert.Null((await OpenCartAtAsync(store, "R2")).Snapshot().BasketDiscount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reload_in_the_same_browser_takes_the_register_back_without_asking(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var before = await ScreenAsync(store, "R1", "browser-a");
        await before.ScanAsync(store.Bandages.Gtin.Value);

        var reloaded = await ScreenAsync(store, "R1", "browser-a");

        Assert.True(reloaded.Started);
        Assert.Equal(before.Sale.Id, reloaded.Sale.Id);
        Assert.False(await before.PollHoldAsync());
        Assert.Equal(0, await store.CountAsync<AuditEvent>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_screen_gone_quiet_gives_the_register_up_without_asking(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var gone = await ScreenAsync(store, "R3", "browser-a");
        await gone.ScanAsync(store.Bandages.Gtin.Value);
        store.Time.Advance(OpenCartStore.ScreenGoneAfter + TimeSpan.FromSeconds(1));

        var next = await ScreenAsync(store, "R3", "browser-b");

        Assert.True(next.Started);
        Assert.Equal(gone.Sale.Id, next.Sale.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cart_write_naming_an_old_version_changes_nothing_and_exactly_one_of_two_at_once_wins(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var carts = store.App().GetRequiredService<OpenCartStore>();
        var screen = new RegisterScreen(Guid.NewGuid(), "browser-a", "Casey Cashier (cashier)");
        var empty = CartSnapshot.Of(store.Sale("R4"));
        var opened = Assert.IsType<RegisterOpening.Opened>(await carts.OpenAsync(store.Branch.Id, "R4", screen, () => empty, takeOver: false));
        var withBandages = CartSnapshot.Of(store.Sale("R4", (store.Bandages, 1))) with { SaleId = empty.SaleId, SaleNumber = empty.SaleNumber };
        var withIbuprofen = CartSnapshot.Of(store.Sale("R4", (store.Ibuprofen, 2))) with { SaleId = empty.SaleId, SaleNumber = empty.SaleNumber };

        var writes = await Task.WhenAll(
            Task.Run(() => carts.SaveAsync(withBandages, screen, opened.Version)),
            Task.Run(() => carts.SaveAsync(withIbuprofen, screen, opened.Version)));

        var saved = Assert.Single(writes.OfType<CartWrite.Saved>());
        var stale = Assert.Single(writes.OfType<CartWrite.ChangedElsewhere>());
        Assert.Equal(opened.Version + 1, saved.Version);
        var row = await OpenCartAtAsync(store, "R4");
        Assert.Equal(saved.Version, row.Version);
        Assert.Equal(CartJson.Serialize(row.Snapshot()), CartJson.Serialize(stale.Current));

        var again = await carts.SaveAsync(empty, screen, opened.Version);
        Assert.IsType<CartWrite.ChangedElsewhere>(again);
        Assert.Equal(row.Cart, (await OpenCartAtAsync(store, "R4")).Cart);
        Assert.IsType<CartWrite.TakenOver>(await carts.SaveAsync(empty, screen with { Id = Guid.NewGuid() }, saved.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Resuming_one_suspended_sale_at_two_registers_at_once_gives_it_to_exactly_one(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var putAside = await ScreenAsync(store, "R1", "browser-a");
        await putAside.ScanAsync(store.Bandages.Gtin.Value);
        var saleId = putAside.Sale.Id;
        Assert.True(await putAside.SuspendAsync());
        var r2 = await ScreenAsync(store, "R2", "browser-b");
        var r3 = await ScreenAsync(store, "R3", "browser-c");
        var (r2Own, r3Own) = (r2.Sale.Id, r3.Sale.Id);

        var resumed = await Task.WhenAll(Task.Run(() => r2.ResumeAsync(saleId)), Task.Run(() => r3.ResumeAsync(saleId)));

        Assert.Single(resumed, r => r);
        var (winner, loser, loserOwn, loserRegister) = resumed[0] ? (r2, r3, r3Own, "R3") : (r3, r2, r2Own, "R2");
        Assert.Equal(saleId, winner.Sale.Id);
        Assert.NotEqual(saleId, loser.Sale.Id);
        Assert.Equal(CounterMessageKind.Error, loser.Message!.Kind);
        await using var db = store.Database.CreateDbContext();
        var theSale = await db.Set<OpenCart>().SingleAsync(c => c.SaleId == saleId);
        Assert.Equal((OpenCartStatus.Open, winner.Register), (theSale.Status, theSale.Register));
        Assert.Equal(loserOwn, (await OpenCartAtAsync(store, loserRegister)).SaleId);
        Assert.Empty(await winner.SuspendedAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sale_already_committed_is_success_only_when_it_is_the_same_sale(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var sale = store.Sale("R1", (store.Loratadine, 1));
        var cart = CounterStore.PaidInCash(sale);
        var first = await store.Checkout().CompleteAsync(cart, store.Cashier);

        // The same sale again (a double click, a retry after a lost answer): the committed sale is the answer.
        Assert.Equal(first, await store.Checkout().CompleteAsync(cart, store.Cashier));

        // Another screen's idea of that sale: more items, another payment. It is refused and nothing is recorded.
        var other = store.Sale("R1", (store.Loratadine, 2), (store.Bandages, 1));
        var otherCart = CounterStore.PaidInCash(other, extra: 20m) with { SaleId = cart.SaleId, SaleNumber = cart.SaleNumber };
        var refusal = await Assert.ThrowsAsync<DomainException>(() => store.Checkout().CompleteAsync(otherCart, store.Cashier));
        Assert.Contains("already completed on another screen", refusal.Message, StringComparison.Ordinal);
        var samePaymentOtherTotal = cart with { Tenders = [cart.Tenders[0] with { CashTendered = cart.Tenders[0].CashTendered + 5m }] };
        await Assert.ThrowsAsync<DomainException>(() => store.Checkout().CompleteAsync(samePaymentOtherTotal, store.Cashier));
        await Assert.ThrowsAsync<DomainException>(() => store.Checkout().VoidAsync(cart, "Customer left", store.Cashier));

        Assert.Equal(1, await store.CountAsync<Sale>());
        Assert.Equal(4, await store.OnHandAsync(store.LoratadineLot));
        Assert.Equal(1, await store.CountAsync<SaleLineLot>());
        await using var db = store.Database.CreateDbContext();
        Assert.Single((await db.Set<Sale>().SingleAsync()).ActiveLines);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_commit_from_a_screen_that_no_longer_holds_the_cart_writes_nothing(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var carts = store.App().GetRequiredService<OpenCartStore>();
        var holder = new RegisterScreen(Guid.NewGuid(), "browser-a", "Avery Front (cashier)");
        var cart = CounterStore.PaidInCash(store.Sale("R1", (store.Loratadine, 1)));
        var opened = Assert.IsType<RegisterOpening.Opened>(await carts.OpenAsync(store.Branch.Id, "R1", holder, () => cart, takeOver: false));

        var displaced = await Assert.ThrowsAsync<DomainException>(() =>
            store.Checkout().CompleteAsync(cart, store.Cashier, new CartHold(Guid.NewGuid(), opened.Version)));
        var stale = await Assert.ThrowsAsync<DomainException>(() =>
            store.Checkout().CompleteAsync(cart, store.Cashier, new CartHold(holder.Id, opened.Version - 1)));

        Assert.Equal(CheckoutHandler.NotHeld, displaced.Message);
        Assert.Equal(CheckoutHandler.NotHeld, stale.Message);
        Assert.Equal(0, await store.CountAsync<Sale>());
        Assert.Equal(5, await store.OnHandAsync(store.LoratadineLot));
        Assert.Equal(1, await store.CountAsync<OpenCart>());

        await store.Checkout().CompleteAsync(cart, store.Cashier, new CartHold(holder.Id, opened.Version));
        Assert.Equal(1, await store.CountAsync<Sale>());
        Assert.Equal(0, await store.CountAsync<OpenCart>());
    }
}
