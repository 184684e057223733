using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>Pharmacy at the counter in Chromium: a prescription picked up with counseling, the pharmacist called, and the patient's signature.</summary>
public class PharmacyCounterEndToEndTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public PharmacyCounterEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task Cashier_hands_over_a_ready_prescription_with_counseling_and_signature_and_the_pharmacist_is_called()
    {
        var pharmacist = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(pharmacist, "pharmacist", "Pharmacist-Demo-1", "RX1");
        await pharmacist.GotoAsync(_browser.BaseUrl + "/pharmacy/fills");
        await BrowserFixture.WaitForInteractiveAsync(pharmacist);
        await pharmacist.WaitForSelectorAsync("[data-testid=pharmacist-notifications][data-connected=true]", new() { State = WaitForSelectorState.Attached });

        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cashier", "Cashier-Demo-1", "R5");
        await page.ClickAsync("[data-testid=nav-register]");
        await page.WaitForSelectorAsync("[data-testid=register]");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'scan-box'");

        await page.Keyboard.PressAsync("F11");
        await page.WaitForSelectorAsync("[data-testid=pickup-panel]");
        await page.FillAsync("[data-testid=pickup-last-name] input, input[data-testid=pickup-last-name]", "smith");
        await page.FillAsync("[data-testid=pickup-dob] input, input[data-testid=pickup-dob]", "1985-11-02");
        await page.ClickAsync("[data-testid=pickup-find]");
        await page.WaitForSelectorAsync("[data-testid=pickup-fill]");
        Assert.Equal(1, await page.Locator("[data-testid=pickup-fill]").CountAsync());
        await page.ClickAsync("[data-testid=pickup-fill]");
        await page.WaitForSelectorAsync("[data-testid=pickup-add]:not([disabled])");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pickup-panel.png") });
        await page.ClickAsync("[data-testid=pickup-add]");

        await page.WaitForSelectorAsync("[data-testid=counseling-dialog]");
        await page.ClickAsync("[data-testid=counseling-accepted]");
        await page.WaitForSelectorAsync("[data-testid=pharmacist-approval-dialog]");

        // The pharmacist's screen, on whatever page it is, is told who is waiting and where.
        await pharmacist.WaitForSelectorAsync("text=Counseling requested at R5 for James Smith");
        await pharmacist.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pharmacist-counseling-call.png") });

        await page.FillAsync("[data-testid=approver-name] input, input[data-testid=approver-name]", "pharmacist");
        await page.FillAsync("[data-testid=approver-password] input, input[data-testid=approver-password]", "Pharmacist-Demo-1");
        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=cart-line]').length === 1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-prescription-line.png") });

        await page.Keyboard.PressAsync("F10");
        await page.WaitForSelectorAsync("[data-testid=signature-dialog]");
        await page.WaitForSelectorAsync("[data-testid=signature-canvas][data-ready=true]");
        var canvas = await page.Locator("[data-testid=signature-canvas]").BoundingBoxAsync();
        Assert.NotNull(canvas);
        await page.Mouse.MoveAsync(canvas!.X + 30, canvas.Y + canvas.Height / 2);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 20; i++)
            await page.Mouse.MoveAsync(canvas.X + 30 + i * 15, canvas.Y + canvas.Height / 2 + (i % 2 == 0 ? -20 : 20));
        await page.Mouse.UpAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pickup-signature.png") });
        await page.ClickAsync("[data-testid=signature-accept]");

        await page.WaitForSelectorAsync("[data-testid=payment-dialog]");
        await page.FillAsync("[data-testid=payment-amount] input, input[data-testid=payment-amount]", "20");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=sale-completed]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pickup-paid.png") });

        var factory = _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var sale = await db.Set<Sale>().SingleAsync(s => s.RegisterId == "R5");
        var line = Assert.Single(sale.Lines);
        Assert.True(line.IsPrescription);
        Assert.Equal(10.00m, line.UnitPrice.Amount);
        var fill = await db.Set<Fill>().SingleAsync(f => f.SaleId == sale.Id);
        Assert.Equal(FillStatus.PickedUp, fill.Status);
        Assert.Equal(1, await db.Set<SaleSignature>().CountAsync(s => s.SaleId == sale.Id));
        var offer = await db.Set<CounselingOffer>().SingleAsync(o => o.FillId == fill.Id);
        Assert.Equal(CounselingAnswer.Accepted, offer.Answer);
        Assert.NotNull(offer.CounseledBy);
    }

    [Fact]
    public async Task Pseudoephedrine_over_the_daily_limit_with_purchases_at_another_branch_is_refused_with_the_figures()
    {
        var factory = _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        var small = DemoCatalog.Products().First(p => p.ListedChemical is not null && p.Name.StartsWith("Pseudoephedrine HCl 30 mg", StringComparison.Ordinal) && p.Name.EndsWith("48 ct", StringComparison.Ordinal)).Gtin;
        var twelveHour = DemoCatalog.Products().First(p => p.ListedChemical is not null && p.Name.StartsWith("Pseudoephedrine HCl 12 Hour", StringComparison.Ordinal) && p.Name.EndsWith("10 ct", StringComparison.Ordinal)).Gtin;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var purchaser = PhotoId.Create(PhotoIdType.DriversLicense, "46813579", "TX", new DateOnly(1979, 4, 12), "Dana Buyer", "5 Elm Street, Austin, TX", null, today);
        int logged;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var riverside = await db.Set<Branch>().SingleAsync(b => b.Code == "BR-002");
            var pack = await db.Set<Product>().SingleAsync(p => p.Gtin == small);
            // Three packs of 48 x 30 mg (1.1797 g of base each): 3.539 g bought at the other branch minutes ago.
            db.Add(new LogbookEntry(pack, 3, DateTimeOffset.UtcNow.AddMinutes(-5), purchaser, "sale_signatures/earlier", riverside.Id, Guid.CreateVersion7(), null));
            await db.SaveChangesAsync();
            logged = await db.Set<LogbookEntry>().CountAsync();
        }

        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cashier", "Cashier-Demo-1", "R6");
        await page.ClickAsync("[data-testid=nav-register]");
        await page.WaitForSelectorAsync("[data-testid=register]");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'scan-box'");
        await page.Keyboard.TypeAsync(twelveHour.Value);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync("[data-testid=photo-id-dialog]");
        await page.FillAsync("[data-testid=id-number] input, input[data-testid=id-number]", "46813579");
        await page.FillAsync("[data-testid=id-issued-by] input, input[data-testid=id-issued-by]", "TX");
        await page.FillAsync("[data-testid=id-dob] input, input[data-testid=id-dob]", "1979-04-12");
        await page.FillAsync("[data-testid=id-name] input, input[data-testid=id-name]", "Dana Buyer");
        await page.FillAsync("[data-testid=id-address] input, input[data-testid=id-address]", "5 Elm Street, Austin, TX");
        await page.ClickAsync("[data-testid=id-accept]");

        await page.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        var message = await page.InnerTextAsync("[data-testid=counter-message]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pseudoephedrine-refused.png") });
        Assert.Contains("4.523 g of pseudoephedrine today; the limit is 3.6 g", message, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=cart-line]").CountAsync());

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(logged, await check.Set<LogbookEntry>().CountAsync());
        Assert.False(await check.Set<Sale>().AnyAsync(s => s.RegisterId == "R6"));
        var refused = await check.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.ListedChemicalRefused);
        Assert.Contains("the limit is 3.6 g", refused.Reason!, StringComparison.Ordinal);
    }
}
