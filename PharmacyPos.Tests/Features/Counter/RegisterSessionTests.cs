using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>The register's sale through the app's services on a real database: scans, changes, payment, and the open cart.</summary>
public class RegisterSessionTests
{
    internal static ClaimsPrincipal Cashier(CounterStore store, string register = "R1") => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, store.Cashier.UserId!.Value.ToString()),
        new Claim(ClaimTypes.Name, "cashier"),
        new Claim(ClaimTypes.Role, "Cashier"),
        new Claim(PosClaims.Branch, store.Branch.Id.ToString()),
        new Claim(PosClaims.Register, register),
        new Claim(PosClaims.DisplayName, "Casey Cashier"),
    ], "Test"));

    private static async Task<RegisterSession> OpenAsync(CounterStore store, string register = "R1")
    {
        var session = store.App().CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(Cashier(store, register));
        return session;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_open_cart_survives_a_restart_and_the_committed_total_is_the_total_on_screen(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var before = await OpenAsync(store);
        Assert.Equal(ScanOutcomeKind.Added, (await before.ScanAsync(store.Ibuprofen.Gtin.Value)).Kind);
        await before.ScanAsync(store.Bandages.Gtin.Value);
        await before.ScanAsync(store.Bandages.Gtin.Value);
        var bandages = before.Sale.ActiveLines.Single(l => l.ProductId == store.Bandages.Id);
        Assert.Equal(2, bandages.Quantity);
        Assert.True(await before.DiscountLineAsync(bandages.Id, Discount.Percent(10, "Damaged box")));
        before.Evidence.AgeChecks.Add(AgeCheck.Perform(18, new DateOnly(1990, 1, 1), CounterStore.Now, store.Branch, store.Cashier.UserId!.Value));
        before.Evidence.PurchaserId = PhotoId.Create(PhotoIdType.DriversLicense, "D1234567", "TX", new DateOnly(1990, 1, 1), "Sam Doe",
            "1 Test Road, Austin, TX 78701", CounterStore.Today.AddYears(2), CounterStore.Today);
        Assert.True(await before.ChangeQuantityAsync(before.Sale.ActiveLines.First().Id, 3));
        var screen = (before.Sale.Id, before.Sale.SaleNumber, before.Sale.Subtotal, before.Sale.Tax, before.Sale.Total, before.Sale.EligibleFsaHsaSubtotal);

        // A new instance of the app, as after a restart: nothing but the database is shared.
        var after = await OpenAsync(store);

        Assert.Equal(screen, (after.Sale.Id, after.Sale.SaleNumber, after.Sale.Subtotal, after.Sale.Tax, after.Sale.Total, after.Sale.EligibleFsaHsaSubtotal));
        Assert.Equal([3, 2], after.Sale.ActiveLines.Select(l => l.Quantity));
        Assert.Equal(10m, after.Sale.ActiveLines.Last().Discount!.Value);
        Assert.Equal(18, Assert.Single(after.Evidence.AgeChecks).MinimumAge);
        Assert.Equal("D1234567", after.Evidence.PurchaserId!.Number);

        Assert.True(await after.PayCashAsync("50"));
        await using var db = store.Database.CreateDbContext();
        var saved = await db.Set<Sale>().SingleAsync();
        Assert.Equal(screen.Total, saved.Total);
        Assert.Equal(screen.Tax, saved.Tax);
        Assert.Equal(50m - screen.Total.Amount, after.LastCompleted!.ChangeDue.Amount);
        // The paid sale's cart is gone; the register holds the next, empty sale.
        var open = await db.Set<OpenCart>().SingleAsync();
        Assert.NotEqual(saved.Id, open.SaleId);
        Assert.Equal(0, open.ItemCount);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("035000110002")]
    [InlineData("036000291453")]
    [InlineData("01234ABCDE")]
    public async Task An_unknown_or_misread_code_says_so_and_leaves_the_cart_as_it_was(string scanned)
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var session = await OpenAsync(store);
        await session.ScanAsync(store.Ibuprofen.Gtin.Value);
        var cartBefore = await store.App().GetRequiredService<OpenCartStore>().FindOpenAsync(store.Branch.Id, "R1");

        var outcome = await session.ScanAsync(scanned);

        Assert.Equal(ScanOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(CounterMessageKind.Error, session.Message!.Kind);
        Assert.False(string.IsNullOrWhiteSpace(session.Message.Text));
        Assert.Single(session.Sale.ActiveLines);
        var cartAfter = await store.App().GetRequiredService<OpenCartStore>().FindOpenAsync(store.Branch.Id, "R1");
        Assert.Equal(CartJson.Serialize(cartBefore!), CartJson.Serialize(cartAfter!));
    }

    [Fact]
    public async Task Every_barcode_form_of_a_product_and_a_DataMatrix_with_its_lot_find_the_product()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var session = await OpenAsync(store);
        var upcA = store.Ibuprofen.Gtin.Value[1..];
        var gtin14 = store.Ibuprofen.Gtin.Value;
        var ean13 = "0" + upcA;
        Assert.Equal(ScanOutcomeKind.Added, (await session.ScanAsync(upcA)).Kind);
        Assert.Equal(ScanOutcomeKind.Added, (await session.ScanAsync(ean13)).Kind);
        Assert.Equal(ScanOutcomeKind.Added, (await session.ScanAsync(gtin14)).Kind);
        Assert.Equal(3, Assert.Single(session.Sale.ActiveLines).Quantity);

        // GS1 DataMatrix: (01) GTIN, (17) expiry YYMMDD, (10) lot, <GS>, (21) serial.
        var dataMatrix = $"01{gtin14}17{store.IbuprofenFar.Expiry:yyMMdd}10{store.IbuprofenFar.LotNumber}\u001D21SN0001";
        Assert.Equal(ScanOutcomeKind.Added, (await session.ScanAsync(dataMatrix)).Kind);
        Assert.Equal(store.IbuprofenFar.Id, session.Sale.ActiveLines.Last().LotId);

        var expired = $"01{gtin14}17{store.IbuprofenExpired.Expiry:yyMMdd}10{store.IbuprofenExpired.LotNumber}\u001D21SN0002";
        Assert.Equal(ScanOutcomeKind.Refused, (await session.ScanAsync(expired)).Kind);
        Assert.Equal(StockTaking.ExpiredLotMessage, session.Message!.Text);
        Assert.Equal(2, session.Sale.ActiveLines.Count());
    }

    [Fact]
    public async Task Words_search_by_name_and_a_receipt_number_points_to_returns()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var session = await OpenAsync(store);

        var search = await session.ScanAsync("ibuprofen");
        Assert.Equal(ScanOutcomeKind.Choose, search.Kind);
        Assert.Equal(store.Ibuprofen.Id, search.Choices[0].Id);
        Assert.True(await session.AddProductAsync(search.Choices[0].Id));

        var receipt = await session.ScanAsync("S261126120000123456");
        Assert.Equal(ScanOutcomeKind.Receipt, receipt.Kind);
        Assert.Single(session.Sale.ActiveLines);
    }

    [Fact]
    public async Task Bad_quantities_discounts_and_tender_amounts_are_refused_with_a_message_and_change_nothing()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var session = await OpenAsync(store);
        await session.ScanAsync(store.Bandages.Gtin.Value);
        var line = session.Sale.ActiveLines.Single();
        var total = session.Sale.Total;

        Assert.False(await session.ChangeQuantityAsync(line.Id, -2));
        Assert.Contains("negative", session.Message!.Text, StringComparison.Ordinal);
        Assert.False(await session.ChangeQuantityAsync(line.Id, 100_000));
        Assert.False(await session.DiscountLineAsync(line.Id, Discount.Amount(4.30m, "Too much")));
        Assert.Equal(Discount.LargerThanPrice, session.Message!.Text);
        Assert.True(await session.StartPaymentAsync());
        Assert.False(await session.PayCashAsync("10.005"));
        Assert.Equal("Amounts have at most two decimals (dollars and cents).", session.Message!.Text);
        Assert.False(await session.PayCashAsync("ten"));

        Assert.Equal(1, line.Quantity);
        Assert.Null(line.Discount);
        Assert.Equal(total, session.Sale.Total);
        Assert.Empty(session.Sale.Tenders);
    }

    [Fact]
    public async Task A_declined_or_timed_out_card_leaves_the_sale_open_and_a_retry_never_charges_twice()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var app = store.App();
        var session = app.CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(Cashier(store));
        var terminal = (SimulatedPaymentTerminal)app.GetRequiredService<IPaymentTerminal>();
        await session.ScanAsync(store.Loratadine.Gtin.Value);
        await session.ScanAsync(store.Loratadine.Gtin.Value);

        Assert.False(await session.PayCardAsync("1.13", fsaHsa: false));
        Assert.Contains("declined", session.Message!.Text, StringComparison.Ordinal);
        Assert.Empty(session.Sale.Tenders);

        Assert.False(await session.PayCardAsync("2.14", fsaHsa: false));
        Assert.Contains("did not answer", session.Message!.Text, StringComparison.Ordinal);
        Assert.Empty(session.Sale.Tenders);
        Assert.NotNull(session.PendingCard);

        // The retry, even after a reload of the page, asks for the same payment and records it once.
        var reloaded = app.CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await reloaded.StartAsync(Cashier(store));
        Assert.True(await reloaded.PayCardAsync("", fsaHsa: false));
        var card = Assert.Single(reloaded.Sale.Tenders);
        Assert.Equal(2.14m, card.Amount.Amount);
        Assert.Equal(2.14m, terminal.CapturedFor(reloaded.Sale.Id));
        Assert.Null(reloaded.PendingCard);

        var remaining = reloaded.Sale.RemainingDue;
        Assert.True(await reloaded.PayCardAsync(remaining.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), fsaHsa: false));
        Assert.NotNull(reloaded.LastCompleted);
        await using var db = store.Database.CreateDbContext();
        var saved = await db.Set<Sale>().SingleAsync();
        Assert.Equal(2, saved.Tenders.Count);
        Assert.All(saved.Tenders, t => Assert.Matches("^[0-9]{4}$", t.CardLastFour!.Value.Value));
        Assert.Equal(saved.Total.Amount, terminal.CapturedFor(saved.Id));
    }

    [Fact]
    public async Task An_FSA_card_pays_only_for_eligible_items_and_the_rest_is_split_to_cash()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var session = await OpenAsync(store);
        await session.ScanAsync(store.Ibuprofen.Gtin.Value);
        await session.ScanAsync(store.Bandages.Gtin.Value);
        var eligible = session.Sale.EligibleFsaHsaSubtotal;
        Assert.Equal(5.94m, eligible.Amount); // 5.49 + 8.25% tax

        Assert.False(await session.PayCardAsync((eligible.Amount + 1m).ToString(System.Globalization.CultureInfo.InvariantCulture), fsaHsa: true));
        Assert.StartsWith("This FSA/HSA card can pay only for eligible items", session.Message!.Text, StringComparison.Ordinal);
        Assert.Empty(session.Sale.Tenders);

        Assert.True(await session.PayCardAsync("5.94", fsaHsa: true));
        Assert.Equal(TenderKind.FsaHsaCard, Assert.Single(session.Sale.Tenders).Kind);
        Assert.True(await session.PayCashAsync("20"));
        Assert.NotNull(session.LastCompleted);
    }

    [Fact]
    public async Task A_suspended_sale_is_resumed_at_another_register_and_a_voided_one_is_gone()
    {
        await using var store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        var first = await OpenAsync(store, "R1");
        await first.ScanAsync(store.Bandages.Gtin.Value);
        var suspendedId = first.Sale.Id;
        Assert.True(await first.SuspendAsync());
        Assert.Empty(first.Sale.Lines);
        await first.ScanAsync(store.Ibuprofen.Gtin.Value);
        Assert.True(await first.VoidSaleAsync("Customer changed their mind"));
        Assert.Empty(first.Sale.Lines);

        var second = await OpenAsync(store, "R2");
        var waiting = Assert.Single(await second.SuspendedAsync());
        Assert.Equal(suspendedId, waiting.SaleId);
        Assert.True(await second.ResumeAsync(waiting.SaleId));
        Assert.Equal(suspendedId, second.Sale.Id);
        Assert.Equal(SaleStatus.Open, second.Sale.Status);
        Assert.Empty(await second.SuspendedAsync());

        var reopened = await OpenAsync(store, "R2");
        Assert.Equal(suspendedId, reopened.Sale.Id);
    }
}

public class LoyaltyCardAtTheRegisterTests
{
    [Fact]
    public void Reads_only_the_card_format()
    {
        Assert.True(PharmacyPos.Domain.Patients.LoyaltyCard.TryRead(" loy-100001 ", out var number));
        Assert.Equal("LOY-100001", number);
        Assert.False(PharmacyPos.Domain.Patients.LoyaltyCard.TryRead("LOY-10001", out _));
        Assert.False(PharmacyPos.Domain.Patients.LoyaltyCard.TryRead("036000291452", out _));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Scanning_a_members_card_gives_the_member_price_and_an_unknown_card_changes_nothing(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var member = new PharmacyPos.Domain.Patients.Patient("Maria", "Garcia", new DateOnly(1958, 3, 14), "512-555-0101", "12 Oak Lane");
        member.JoinLoyalty("LOY-100001");
        await using (var db = store.Database.CreateDbContext())
        {
            db.Add(member);
            db.Add(new PharmacyPos.Domain.Pricing.MemberPrice("Member ibuprofen", store.Ibuprofen.Id, PharmacyPos.Domain.Shared.Money.Of(1.00m),
                CounterStore.Now.AddDays(-1), CounterStore.Now.AddDays(1)));
            await db.SaveChangesAsync();
        }
        var session = store.App().CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(RegisterSessionTests.Cashier(store));
        await session.ScanAsync(store.Ibuprofen.Gtin.Value);
        var listTotal = session.Sale.Total;

        Assert.Equal(ScanOutcomeKind.Refused, (await session.ScanAsync("LOY-999999")).Kind);
        Assert.Null(session.Sale.CustomerId);
        Assert.Equal(listTotal, session.Sale.Total);

        Assert.Equal(ScanOutcomeKind.Added, (await session.ScanAsync("LOY-100001")).Kind);
        Assert.Equal(member.Id, session.Sale.CustomerId);
        Assert.True(session.Sale.LoyaltyMember);
        Assert.True(session.Sale.Total < listTotal, "the member price applies");
        Assert.Equal(1.00m, session.Sale.ActiveLines.Single().AfterPromotion.Amount);
    }
}
