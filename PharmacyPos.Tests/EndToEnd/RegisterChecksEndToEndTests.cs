using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>
/// The register's checks at scan time in Chromium: an age-restricted item, a Schedule V medicine sold without a
/// prescription (where the branch allows it and where it does not), and a sale voided with a card payment on it.
/// </summary>
public class RegisterChecksEndToEndTests : IClassFixture<BrowserFixture>
{
    private static readonly string CoughGel = DemoCatalog.Products().First(p => p.Name == "Dextromethorphan HBr Cough Gel 15 mg softgel, 20 ct").Gtin.Value;
    private static readonly string CodeineSyrup = DemoCatalog.Products().First(p => p.Name.StartsWith("Codeine/Guaifenesin Cough Syrup", StringComparison.Ordinal)).Gtin.Value;
    private static readonly string Bandages = DemoCatalog.Products().First(p => p.Name == "Adhesive Bandages, 30 ct").Gtin.Value;

    private readonly BrowserFixture _browser;

    public RegisterChecksEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task An_under_age_purchaser_is_refused_the_cough_gel_and_an_adult_buys_it_with_the_age_check_recorded()
    {
        var page = await OpenRegisterAsync("cashier", "Cashier-Demo-1", "R11");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await RegisterSteps.ScanAsync(page, CoughGel);
        await page.WaitForSelectorAsync("[data-testid=age-check-dialog]");
        await FillDateAsync(page, "age-dob", today.AddYears(-16).AddDays(-7));
        await page.WaitForSelectorAsync("[data-testid=age-result]");
        var result = await page.InnerTextAsync("[data-testid=age-result]");
        Assert.Contains("18", result, StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("[data-testid=age-accept]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "age-check-under-age.png") });
        await page.ClickAsync("[data-testid=age-refuse]");

        await page.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        var refusal = await page.InnerTextAsync("[data-testid=counter-message]");
        Assert.Contains("The purchaser is 16", refusal, StringComparison.Ordinal);
        Assert.Contains("sold only to people 18 or older", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=cart-line]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "age-check-refused.png") });

        await RegisterSteps.ScanAsync(page, CoughGel);
        await page.WaitForSelectorAsync("[data-testid=age-check-dialog]");
        await FillDateAsync(page, "age-dob", new DateOnly(1980, 6, 15));
        await page.WaitForSelectorAsync("[data-testid=age-accept]:not([disabled])");
        Assert.Contains("old enough", await page.InnerTextAsync("[data-testid=age-result]"), StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=age-accept]");
        await RegisterSteps.WaitForLinesAsync(page, 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "age-check-adult-line.png") });

        await PayCashAsync(page, "age-check-paid.png");

        await using var db = await Factory.CreateDbContextAsync();
        var sale = await db.Set<Sale>().SingleAsync(s => s.RegisterId == "R11" && s.Status == SaleStatus.Completed);
        Assert.Single(sale.Lines);
        var verified = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.AgeVerified && e.EntityId == sale.Id.ToString());
        Assert.NotNull(verified.After);
    }

    [Fact]
    public async Task Schedule_v_syrup_without_a_prescription_is_sold_at_main_street_with_photo_id_and_pharmacist_approval()
    {
        var page = await OpenRegisterAsync("cashier", "Cashier-Demo-1", "R12");

        await RegisterSteps.ScanAsync(page, CodeineSyrup);
        await page.WaitForSelectorAsync("[data-testid=photo-id-dialog]");
        await page.FillAsync("[data-testid=id-number] input, input[data-testid=id-number]", "S5V12345");
        await page.FillAsync("[data-testid=id-issued-by] input, input[data-testid=id-issued-by]", "TX");
        await FillDateAsync(page, "id-dob", new DateOnly(1975, 3, 9));
        await page.FillAsync("[data-testid=id-name] input, input[data-testid=id-name]", "Morgan Reyes");
        await page.FillAsync("[data-testid=id-address] input, input[data-testid=id-address]", "18 Oak Lane, Austin, TX");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "schedule-v-photo-id.png") });
        await page.ClickAsync("[data-testid=id-accept]");

        await page.WaitForSelectorAsync("[data-testid=pharmacist-approval-dialog]");
        await page.FillAsync("[data-testid=approver-name] input, input[data-testid=approver-name]", "pharmacist");
        await page.FillAsync("[data-testid=approver-password] input, input[data-testid=approver-password]", "Pharmacist-Demo-1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "schedule-v-approval.png") });
        await page.ClickAsync("[data-testid=approve]");

        // The syrup is also for adults only: the age check takes the date of birth from the photo ID just given.
        await page.WaitForSelectorAsync("[data-testid=age-check-dialog]");
        await page.WaitForSelectorAsync("[data-testid=age-accept]:not([disabled])");
        await page.ClickAsync("[data-testid=age-accept]");
        await RegisterSteps.WaitForLinesAsync(page, 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "schedule-v-line.png") });

        await PayCashAsync(page, "schedule-v-paid.png");

        await using var db = await Factory.CreateDbContextAsync();
        var sale = await db.Set<Sale>().SingleAsync(s => s.RegisterId == "R12" && s.Status == SaleStatus.Completed);
        var record = await db.Set<ControlledSaleRecord>().SingleAsync(r => r.SaleId == sale.Id);
        Assert.Equal(DeaSchedule.V, record.Schedule);
        Assert.False(record.OnPrescription);
        Assert.Equal(1m, record.Quantity);
        Assert.NotEqual(Guid.Empty, record.PharmacistId);
        Assert.Equal("S5V12345", record.Purchaser!.Number);
    }

    [Fact]
    public async Task Schedule_v_syrup_without_a_prescription_is_refused_at_riverside_and_nothing_is_added()
    {
        var page = await OpenRegisterAsync("cashier2", "Cashier-Demo-2", "R13");

        await RegisterSteps.ScanAsync(page, CodeineSyrup);
        await page.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        var message = await page.InnerTextAsync("[data-testid=counter-message]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "schedule-v-refused-riverside.png") });
        Assert.Contains("This branch does not sell", message, StringComparison.Ordinal);
        Assert.Contains("without a prescription", message, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=cart-line]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=photo-id-dialog]").CountAsync());

        await using var db = await Factory.CreateDbContextAsync();
        Assert.False(await db.Set<Sale>().AnyAsync(s => s.RegisterId == "R13" && s.Status == SaleStatus.Completed));
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.EventType == AuditEventTypes.ComplianceRefused && e.DeaSchedule == (int)DeaSchedule.V));
    }

    [Fact]
    public async Task Voiding_a_sale_with_a_card_payment_on_it_gives_the_payment_back_to_the_card()
    {
        var page = await OpenRegisterAsync("cashier", "Cashier-Demo-1", "R14");
        await RegisterSteps.ScanAsync(page, Bandages);
        await RegisterSteps.WaitForLinesAsync(page, 1);

        // Part of the total by card, so the sale stays open with a payment on it.
        await page.Keyboard.PressAsync("F10");
        await page.WaitForSelectorAsync("[data-testid=payment-dialog]");
        await page.FillAsync("[data-testid=payment-amount] input, input[data-testid=payment-amount]", "2.00");
        await page.ClickAsync("[data-testid=pay-card]");
        // The dialog comes back for the rest once the card has paid its part.
        await page.WaitForSelectorAsync("[data-testid=payment-dialog] [data-testid=payment-due]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=payment-amount] input, input[data-testid=payment-amount]')?.value !== '2.00'");
        var factory = Factory;
        Guid saleId;
        await using (var db = await factory.CreateDbContextAsync())
            saleId = (await db.Set<OpenCart>().SingleAsync(c => c.Register == "R14" && c.Status == OpenCartStatus.Open)).SaleId;
        var terminal = _browser.App.Services.GetRequiredService<SimulatedPaymentTerminal>();
        Assert.Equal(2.00m, terminal.CapturedFor(saleId));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "void-card-part-paid.png") });
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("[data-testid=payment-dialog]", new() { State = WaitForSelectorState.Detached });

        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'scan-box'");
        await page.Keyboard.PressAsync("F3");
        await page.WaitForSelectorAsync("[data-testid=reason-dialog]");
        Assert.Contains("$2.00 back to the card", await page.InnerTextAsync("[data-testid=reason-dialog]"), StringComparison.Ordinal);
        await page.FillAsync("[data-testid=reason-input] input, input[data-testid=reason-input]", "Customer changed their mind");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "void-card-reason.png") });
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync("[data-testid=counter-message]:has-text('is voided')");
        var message = await page.InnerTextAsync("[data-testid=counter-message]");
        Assert.Contains("is voided", message, StringComparison.Ordinal);
        Assert.Contains("$2.00 back to the card", message, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=cart-line]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "void-card-given-back.png") });

        await using var check = await factory.CreateDbContextAsync();
        var sale = await check.Set<Sale>().SingleAsync(s => s.Id == saleId);
        Assert.Equal(SaleStatus.Voided, sale.Status);
        Assert.Contains($"Sale {sale.SaleNumber} is voided", message, StringComparison.Ordinal);
        Assert.Equal(0m, terminal.CapturedFor(saleId));
    }

    private IDbContextFactory<PosDbContext> Factory => _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();

    private Task<IPage> OpenRegisterAsync(string user, string password, string register) =>
        RegisterSteps.OpenRegisterAsync(_browser, user, password, register);


    private static async Task FillDateAsync(IPage page, string testId, DateOnly date) =>
        await page.FillAsync($"[data-testid={testId}] input, input[data-testid={testId}]", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static async Task PayCashAsync(IPage page, string screenshot)
    {
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'scan-box'");
        await page.Keyboard.PressAsync("F10");
        await page.WaitForSelectorAsync("[data-testid=payment-dialog]");
        await page.FillAsync("[data-testid=payment-amount] input, input[data-testid=payment-amount]", "50");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=sale-completed]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, screenshot) });
    }

}
