using Microsoft.Playwright;
using PharmacyPos.Tests.TestInfrastructure;

namespace PharmacyPos.Tests.EndToEnd;

public class PharmacistEndToEndTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public PharmacistEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task Pharmacist_verifies_a_waiting_fill_into_a_bin_and_it_moves_to_ready_for_pickup()
    {
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "pharmacist", "Pharmacist-Demo-1");
        await page.GotoAsync("/pharmacy/fills");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var queue = page.Locator("[data-testid=fill-queue] tbody tr");
        await queue.First.WaitForAsync();
        var waiting = await queue.CountAsync();
        Assert.Contains("C-II", await page.InnerTextAsync("[data-testid=fill-queue]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pharmacy-fills.png"), FullPage = true });

        await page.Locator("[data-testid=fill-queue] tbody tr").First.Locator("input").FillAsync("Z-09");
        await page.Locator("[data-testid=fill-queue] tbody tr").First.Locator("[data-testid=verify]").ClickAsync();

        await page.Locator("[data-testid=fill-ready]").GetByText("Z-09").WaitForAsync();
        Assert.Equal(waiting - 1, await page.Locator("[data-testid=fill-queue] tbody tr [data-testid=verify]").CountAsync());

        await page.GotoAsync("/admin/policy");
        await page.WaitForSelectorAsync("[data-testid=access-denied]");
    }

    [Fact]
    public async Task Admin_cannot_loosen_a_branch_beyond_the_federal_pseudoephedrine_limit()
    {
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin", "Admin-Demo-1");
        await page.GotoAsync("/admin/policy");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var branch = page.Locator("[data-testid=policy-BR-001]");
        await branch.Locator("input").First.FillAsync("4");
        await branch.Locator("[data-testid=policy-save]").ClickAsync();

        var error = branch.Locator("[data-testid=policy-error]");
        await error.WaitForAsync();
        Assert.Contains("never looser", await error.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-policy.png"), FullPage = true });
    }
}
