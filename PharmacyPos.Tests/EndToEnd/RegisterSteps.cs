using Microsoft.Playwright;
using PharmacyPos.Tests.TestInfrastructure;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>What a cashier does at the register and at Returns, as the end-to-end tests drive it.</summary>
internal static class RegisterSteps
{
    /// <summary>Signs in at a register and opens it; the scan box has the focus, as it must for a scanner.</summary>
    public static async Task<IPage> OpenRegisterAsync(BrowserFixture browser, string user, string password, string register)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, user, password, register);
        await page.ClickAsync("[data-testid=nav-register]");
        await page.WaitForSelectorAsync("[data-testid=register]");
        await WaitForScanBoxAsync(page);
        return page;
    }

    /// <summary>A keyboard-wedge scanner: the code, then Enter, into whatever has the focus.</summary>
    public static async Task ScanAsync(IPage page, string code)
    {
        await WaitForScanBoxAsync(page);
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
    }

    public static async Task WaitForLinesAsync(IPage page, int count) =>
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=cart-line]').length === {count}");

    /// <summary>At Returns: scans the receipt's number and sets units of one line to go back, with a reason.</summary>
    public static async Task ChooseReturnAsync(IPage page, string saleNumber, int lineNumber, int units, string reason)
    {
        await page.GotoAsync("/counter/returns");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var scan = page.Locator("input[data-testid=return-scan], [data-testid=return-scan] input").First;
        await scan.FillAsync(saleNumber);
        await scan.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=return-sale]");
        var quantity = page.Locator($"input[data-testid=return-qty-{lineNumber}], [data-testid=return-qty-{lineNumber}] input").First;
        await quantity.FillAsync(units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await quantity.PressAsync("Tab");
        await page.Locator("input[data-testid=return-reason], [data-testid=return-reason] input").First.FillAsync(reason);
    }

    private static async Task WaitForScanBoxAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'scan-box'");
}
