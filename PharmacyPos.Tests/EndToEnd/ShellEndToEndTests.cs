using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Components.Layout;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.EndToEnd;

public class ShellEndToEndTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public ShellEndToEndTests(BrowserFixture browser) => _browser = browser;

    public static TheoryData<string> Roles() => new(StaffRole.All);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_signs_in_sees_its_navigation_and_is_refused_another_roles_page(string role)
    {
        var demo = DemoDataSeeder.Users.First(u => u.Role == role);
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, demo.UserName, demo.Password);

        Assert.Equal(role, (await page.InnerTextAsync("[data-testid=user-role]")).Trim());
        Assert.Equal(demo.DisplayName, (await page.InnerTextAsync("[data-testid=user-name]")).Trim());
        foreach (var item in NavItems.All)
        {
            var shown = await page.Locator($"[data-testid=nav-{item.Key}]").CountAsync() > 0;
            Assert.True(shown == Policies.Roles[item.Policy].Contains(role), $"{role} {(shown ? "sees" : "does not see")} {item.Title}");
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"home-{role}.png") });

        var forbidden = NavItems.All.First(i => !Policies.Roles[i.Policy].Contains(role));
        await page.GotoAsync(forbidden.Href);
        await page.WaitForSelectorAsync("[data-testid=access-denied]");
        Assert.Contains("/account/access-denied", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_register_stays_locked_after_a_reload_and_unlocks_with_the_pin()
    {
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cashier", "Cashier-Demo-1");
        await page.ClickAsync("[data-testid=lock-register]");
        await page.WaitForSelectorAsync("[data-testid=lock-screen]");

        await page.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=lock-screen]");

        await page.FillAsync("input[data-testid=unlock-pin], [data-testid=unlock-pin] input", "9999");
        await page.ClickAsync("[data-testid=unlock]");
        await page.WaitForSelectorAsync("[data-testid=unlock-error]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "register-locked.png") });

        await page.FillAsync("input[data-testid=unlock-pin], [data-testid=unlock-pin] input", DemoDataSeeder.DemoPin);
        await page.ClickAsync("[data-testid=unlock]");
        await page.WaitForSelectorAsync("[data-testid=lock-screen]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(0, await page.Locator("[data-testid=lock-screen]").CountAsync());
    }
}
