using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>The register in Chromium, driven from the keyboard only, as a cashier with a USB scanner works it.</summary>
public class CounterEndToEndTests : IClassFixture<BrowserFixture>
{
    private static readonly string Acetaminophen = DemoCatalog.Products().First(p => p.Name == "Acetaminophen 500 mg tablet, 24 ct").Gtin.Value;
    private static readonly string Bandages = DemoCatalog.Products().First(p => p.Name == "Adhesive Bandages, 30 ct").Gtin.Value;
    private static readonly string Sunscreen = DemoCatalog.Products().First(p => p.Name == "Sunscreen SPF 50, Lotion 8 oz").Gtin.Value;

    private readonly BrowserFixture _browser;

    public CounterEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task Cashier_scans_two_items_pays_cash_prints_the_receipt_and_returns_one_line()
    {
        var page = await OpenRegisterAsync("R7");

        // A keyboard-wedge scanner: the digits, then Enter, into whatever has the focus (the scan box).
        await RegisterSteps.ScanAsync(page, Acetaminophen);
        await RegisterSteps.ScanAsync(page, "0" + Bandages[2..]);
        await RegisterSteps.WaitForLinesAsync(page, 2);
        await RegisterSteps.ScanAsync(page, "036000291453");
        await page.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        Assert.Equal(2, await page.Locator("[data-testid=cart-line]").CountAsync());

        await page.Keyboard.PressAsync("F2");
        await page.FillAsync("[data-testid=quantity-input] input, input[data-testid=quantity-input]", "3");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=line-quantity]')].map(e => e.textContent.trim()).join(',') === '1,3'");
        var shownTotal = ParseMoney(await page.InnerTextAsync("[data-testid=total]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-two-lines.png") });

        await page.Keyboard.PressAsync("F10");
        await page.WaitForSelectorAsync("[data-testid=payment-dialog]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-payment.png") });
        await page.FillAsync("[data-testid=payment-amount] input, input[data-testid=payment-amount]", "100");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=sale-completed]");
        var change = ParseMoney((await page.InnerTextAsync("[data-testid=change-due]")).Replace("Change", "", StringComparison.Ordinal));
        Assert.Equal(100m - shownTotal, change);
        Assert.NotNull(await page.GetAttributeAsync("[data-testid=receipt-link]", "href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-paid-cash.png") });

        var factory = _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var sale = await db.Set<Sale>().Where(s => s.RegisterId == "R7").SingleAsync();
        Assert.Equal(shownTotal, sale.Total.Amount);
        Assert.Equal(4, sale.Lines.Sum(l => l.Quantity));
        Assert.Equal(change, sale.ChangeDue.Amount);

        // The receipt, from the register's link, as the thermal printer will print it.
        await page.ClickAsync("[data-testid=receipt-link]");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=receipt]");
        Assert.Equal(sale.Total.ToString(), (await page.InnerTextAsync("[data-testid=receipt-total]")).Trim());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-receipt-print.png") });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Returns: the receipt's number scanned, one unit of the first line taken back to cash.
        var first = sale.Lines.OrderBy(l => l.LineNumber).First();
        await RegisterSteps.ChooseReturnAsync(page, sale.SaleNumber, first.LineNumber, 1, "Wrong strength");
        await page.WaitForSelectorAsync("[data-testid=return-commit]:not([disabled])");
        await page.ClickAsync("[data-testid=return-commit]");
        await page.WaitForSelectorAsync("[data-testid=return-done]");

        await using var after = await factory.CreateDbContextAsync();
        var refund = await after.Set<SaleReturn>().Where(r => r.SaleId == sale.Id).SingleAsync();
        Assert.Equal(1, refund.Lines.Single().Quantity);
        Assert.Equal(refund.Total.ToString(), (await page.InnerTextAsync("[data-testid=refund-total]")).Trim());
    }

    [Fact]
    public async Task A_reload_in_the_middle_of_a_sale_finds_the_cart_as_it_was()
    {
        var page = await OpenRegisterAsync("R8");
        await RegisterSteps.ScanAsync(page, Sunscreen);
        await RegisterSteps.WaitForLinesAsync(page, 1);
        await page.Keyboard.PressAsync("+");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=line-quantity]')?.textContent.trim() === '2'");
        var number = await page.InnerTextAsync("[data-testid=sale-number]");
        var total = await page.InnerTextAsync("[data-testid=total]");

        await page.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=register]");

        await RegisterSteps.WaitForLinesAsync(page, 1);
        Assert.Equal("2", (await page.InnerTextAsync("[data-testid=line-quantity]")).Trim());
        Assert.Equal(number, await page.InnerTextAsync("[data-testid=sale-number]"));
        Assert.Equal(total, await page.InnerTextAsync("[data-testid=total]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-after-reload.png") });
    }

    private Task<IPage> OpenRegisterAsync(string register) => RegisterSteps.OpenRegisterAsync(_browser, "cashier", "Cashier-Demo-1", register);



    private static decimal ParseMoney(string text) =>
        decimal.Parse(text.Trim(), NumberStyles.Currency, CultureInfo.GetCultureInfo("en-US"));
}
