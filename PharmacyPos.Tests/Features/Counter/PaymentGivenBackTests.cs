using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;
using static PharmacyPos.Tests.Features.Counter.RegisterSessionTests;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>A sale whose commit is refused after payment: the card goes back through the terminal, the cash by hand, and the sale is voided.</summary>
public class PaymentGivenBackTests
{
    private static async Task<(RegisterSession Session, SimulatedPaymentTerminal Terminal, IServiceProvider App)> OpenAsync(CounterStore store, string register = "R1")
    {
        var app = store.App();
        var session = app.CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(Cashier(store, register));
        return (session, (SimulatedPaymentTerminal)app.GetRequiredService<IPaymentTerminal>(), app);
    }

    private static string Text(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_card_charged_for_a_sale_whose_stock_went_to_another_register_is_given_back_and_the_sale_voided(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var (session, terminal, _) = await OpenAsync(store);
        await session.ScanAsync(store.Loratadine.Gtin.Value);
        Assert.True(await session.ChangeQuantityAsync(session.Sale.ActiveLines.Single().Id, 5));
        Assert.True(await session.StartPaymentAsync());
        var saleId = session.Sale.Id;
        var saleNumber = session.Sale.SaleNumber;

        // Register 2 sells one of the last five while the customer at register 1 pays.
        await store.Checkout().CompleteAsync(CounterStore.PaidInCash(store.Sale("R2", (store.Loratadine, 1))), store.Cashier);

        Assert.True(await session.PayCashAsync("10"));
        var card = session.Sale.RemainingDue;
        Assert.False(await session.PayCardAsync(Text(card.Amount), fsaHsa: false));
        Assert.Equal(2, session.Sale.Tenders.Count);
        Assert.Equal(card.Amount, terminal.CapturedFor(saleId));
        Assert.Equal("hand back $10.00 cash", session.PaymentsToGiveBack.Split("; ")[0]);

        Assert.True(await session.VoidSaleAsync("Out of stock: sold at another register"));

        Assert.Equal(0m, terminal.CapturedFor(saleId));
        Assert.Contains("hand back $10.00 cash", session.Message!.Text, StringComparison.Ordinal);
        Assert.Contains($"{card} back to the card", session.Message!.Text, StringComparison.Ordinal);
        Assert.NotEqual(saleId, session.Sale.Id);
        await using var db = store.Database.CreateDbContext();
        var voided = await db.Set<Sale>().Include(s => s.Tenders).SingleAsync(s => s.Id == saleId);
        Assert.Equal(SaleStatus.Voided, voided.Status);
        Assert.Equal("Out of stock: sold at another register", voided.VoidReason);
        Assert.Empty(voided.Tenders);
        Assert.Equal(saleNumber, voided.SaleNumber);
        Assert.Equal(4, await store.OnHandAsync(store.LoratadineLot));
        Assert.False(await db.Set<OpenCart>().AnyAsync(c => c.SaleId == saleId));
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.SaleVoided && e.EntityId == saleId.ToString());
        Assert.Equal("Out of stock: sold at another register", audit.Reason);
        Assert.Contains("\"givenBack\"", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"reversalReference\":\"RV", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Cash\",\"amount\":10", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversal_the_terminal_declines_changes_nothing_and_says_so()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var (session, terminal, app) = await OpenAsync(store);
        await session.ScanAsync(store.Loratadine.Gtin.Value);
        Assert.True(await session.StartPaymentAsync());
        Assert.True(await session.PayCardAsync(Text(1m + SimulatedPaymentTerminal.ReversalDeclinedCents), fsaHsa: false));
        var saleId = session.Sale.Id;

        Assert.False(await session.VoidSaleAsync("Customer changed their mind"));

        Assert.Contains("could not be given back", session.Message!.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was given back", session.Message!.Text, StringComparison.Ordinal);
        Assert.Equal(1.15m, Assert.Single(session.Sale.Tenders).Amount.Amount);
        Assert.Equal(SaleStatus.Open, session.Sale.Status);
        Assert.Equal(1.15m, terminal.CapturedFor(saleId));
        Assert.Equal(0, await store.CountAsync<Sale>());
        Assert.Equal(0, await store.CountAsync<AuditEvent>());
        var reloaded = app.CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await reloaded.StartAsync(Cashier(store));
        Assert.Equal(saleId, reloaded.Sale.Id);
        Assert.Equal(1.15m, Assert.Single(reloaded.Sale.Tenders).Amount.Amount);
    }

    [Fact]
    public async Task When_only_the_second_card_is_refused_the_first_stays_given_back_and_a_new_charge_is_a_new_payment()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var (session, terminal, _) = await OpenAsync(store);
        await session.ScanAsync(store.Loratadine.Gtin.Value);
        Assert.True(await session.StartPaymentAsync());
        Assert.True(await session.PayCardAsync("1", fsaHsa: false));
        Assert.True(await session.PayCardAsync("1.15", fsaHsa: false));
        var saleId = session.Sale.Id;

        Assert.False(await session.VoidSaleAsync("Customer changed their mind"));

        Assert.Contains("Already given back: $1.00 back to the card", session.Message!.Text, StringComparison.Ordinal);
        Assert.Equal(1.15m, Assert.Single(session.Sale.Tenders).Amount.Amount);
        Assert.Equal(1.15m, terminal.CapturedFor(saleId));
        Assert.Equal(session.Sale.Total.Amount - 1.15m, session.Sale.RemainingDue.Amount);

        // The next card is charged anew, not answered with the approval that was given back.
        Assert.True(await session.PayCardAsync("1", fsaHsa: false));
        Assert.Equal(2.15m, terminal.CapturedFor(saleId));
        Assert.Equal(2, session.Sale.Tenders.Select(t => t.TerminalReference).Distinct().Count());
    }

    [Fact]
    public async Task A_void_without_a_reason_gives_nothing_back()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var (session, terminal, _) = await OpenAsync(store);
        await session.ScanAsync(store.Bandages.Gtin.Value);
        Assert.True(await session.StartPaymentAsync());
        Assert.True(await session.PayCardAsync("2", fsaHsa: false));

        Assert.False(await session.VoidSaleAsync("  "));

        Assert.Single(session.Sale.Tenders);
        Assert.Equal(2m, terminal.CapturedFor(session.Sale.Id));
    }

    [Fact]
    public async Task The_terminal_gives_a_charge_back_once_and_answers_a_repeated_request_the_same()
    {
        var terminal = new SimulatedPaymentTerminal(TimeProvider.System);
        var saleId = Guid.CreateVersion7();
        var charge = await terminal.ChargeAsync(new CardPaymentRequest("k1", saleId, "R1", 7.50m, false), default);
        var request = new CardReversalRequest("rv1", saleId, "R1", 7.50m, charge.TerminalReference!);

        var first = await terminal.ReverseAsync(request, default);
        var again = await terminal.ReverseAsync(request, default);
        var otherKey = await terminal.ReverseAsync(request with { IdempotencyKey = "rv2" }, default);
        var unknown = await terminal.ReverseAsync(request with { IdempotencyKey = "rv3", OriginalTerminalReference = "TX-NONE" }, default);

        Assert.True(first.Approved);
        Assert.Equal(first, again);
        Assert.False(otherKey.Approved);
        Assert.False(unknown.Approved);
        Assert.Equal(0m, terminal.CapturedFor(saleId));
    }

    [Theory]
    [InlineData("RX0123456789", "RX0123456789")]
    [InlineData(" rx0123456789 ", "RX0123456789")]
    public async Task A_bag_label_scanned_at_the_register_opens_the_pickup_and_adds_nothing(string scanned, string code)
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var (session, _, _) = await OpenAsync(store);

        var outcome = await session.ScanAsync(scanned);

        Assert.Equal(ScanOutcomeKind.Pickup, outcome.Kind);
        Assert.Equal(code, outcome.PickupCode);
        Assert.Empty(session.Sale.Lines);
    }
}
