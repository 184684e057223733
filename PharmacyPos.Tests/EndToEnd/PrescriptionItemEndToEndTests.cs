using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>
/// A prescription-only drug typed or scanned at the register, in Chromium: the search still finds it and says it is
/// handed over from its fill; picking or scanning it is refused in the cashier's words and nothing is added.
/// </summary>
public class PrescriptionItemEndToEndTests : IClassFixture<BrowserFixture>
{
    private static readonly string Oxycodone = DemoCatalog.Products().First(p => p.Name.StartsWith("Oxycodone HCl", StringComparison.Ordinal)).Gtin.Value;

    private readonly BrowserFixture _browser;

    public PrescriptionItemEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task Typing_oxycodone_finds_it_as_a_prescription_item_and_picking_it_adds_nothing()
    {
        var page = await RegisterSteps.OpenRegisterAsync(_browser, "cashier", "Cashier-Demo-1", "R21");

        await RegisterSteps.ScanAsync(page, "oxycodone");
        await page.WaitForSelectorAsync("[data-testid=search-choices]");
        Assert.True(await page.Locator("[data-testid=search-choice]").CountAsync() > 0);
        Assert.Equal(await page.Locator("[data-testid=search-choice]").CountAsync(), await page.Locator("[data-testid=search-choice-rx]").CountAsync());
        Assert.Contains("handed over from its filled prescription", await page.InnerTextAsync("[data-testid=search-choices]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "prescription-item-search.png") });

        // Enter on the empty scan box picks the highlighted result, as a cashier would.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        var refusal = await page.InnerTextAsync("[data-testid=counter-message]");
        Assert.Contains("Prescription item: hand it over from its filled prescription, F11 or the bag label", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=cart-line]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "prescription-item-refused.png") });

        // Esc clears the message, so the refusal of the scan below is its own.
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("[data-testid=counter-message]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await RegisterSteps.ScanAsync(page, Oxycodone);
        await page.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        Assert.Contains("Oxycodone HCl 5 mg tablet, 30 ct is not sold as a store item", await page.InnerTextAsync("[data-testid=counter-message]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=cart-line]").CountAsync());

        await using var db = await _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        var refused = await db.Set<AuditEvent>().Where(e => e.EventType == AuditEventTypes.PrescriptionItemRefused).ToListAsync();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Equal(2, e.DeaSchedule));
        Assert.Equal(0, await db.Set<Sale>().CountAsync(s => s.RegisterId == "R21"));
    }
}
