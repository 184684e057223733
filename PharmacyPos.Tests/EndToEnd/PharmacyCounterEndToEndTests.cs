using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;

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
}
