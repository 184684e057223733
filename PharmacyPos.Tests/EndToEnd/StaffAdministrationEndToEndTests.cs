using Microsoft.Playwright;
using PharmacyPos.Tests.TestInfrastructure;

namespace PharmacyPos.Tests.EndToEnd;

public class StaffAdministrationEndToEndTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public StaffAdministrationEndToEndTests(BrowserFixture browser) => _browser = browser;

    private static Task Fill(IPage page, string testId, string value) =>
        page.FillAsync($"input[data-testid={testId}], [data-testid={testId}] input", value);

    private static Task<byte[]> Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name) });

    [Fact]
    public async Task Admin_adds_a_member_who_signs_in_then_deactivates_them()
    {
        var admin = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "admin", "Admin-Demo-1");
        await admin.GotoAsync("/admin/staff");
        await BrowserFixture.WaitForInteractiveAsync(admin);

        await admin.ClickAsync("[data-testid=staff-add]");
        await admin.WaitForSelectorAsync("[data-testid=create-staff-dialog]");
        await Fill(admin, "staff-username", "floor1");
        await Fill(admin, "staff-displayname", "Frankie Floor");
        await Fill(admin, "staff-password", "short");
        await Fill(admin, "staff-pin", "4321");
        await admin.ClickAsync("[data-testid=staff-create-ok]");
        var error = await admin.WaitForSelectorAsync("[data-testid=dialog-error]");
        Assert.Contains("at least 10 characters", await error!.InnerTextAsync(), StringComparison.Ordinal);
        await Shot(admin, "staff-create-weak-password.png");

        await Fill(admin, "staff-password", "Floor-Staff-2026");
        await admin.ClickAsync("[data-testid=staff-create-ok]");
        await admin.WaitForSelectorAsync("[data-testid=create-staff-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await admin.WaitForSelectorAsync("[data-testid=staff-table] >> text=floor1");
        await Shot(admin, "staff-list.png");

        var newcomer = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(newcomer, "floor1", "Floor-Staff-2026");
        Assert.Equal("Cashier", (await newcomer.InnerTextAsync("[data-testid=user-role]")).Trim());

        await admin.ClickAsync("[data-testid=staff-actions-floor1] button");
        await admin.ClickAsync("[data-testid=staff-deactivate]");
        await admin.ClickAsync(".mud-dialog button:has-text('Deactivate')");
        var row = admin.Locator("[data-testid=staff-table] tr", new PageLocatorOptions { HasText = "floor1" });
        await row.GetByText("Inactive").WaitForAsync();
        await Shot(admin, "staff-deactivated.png");

        await admin.ClickAsync("[data-testid=staff-actions-admin] button");
        await admin.ClickAsync("[data-testid=staff-deactivate]");
        await admin.ClickAsync(".mud-dialog button:has-text('Deactivate')");
        var message = await admin.WaitForSelectorAsync("[data-testid=staff-message]");
        Assert.Contains("your own account", await message!.InnerTextAsync(), StringComparison.Ordinal);
    }
}
