using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>A register is a place: two browsers signed in at one register never share its open sale.</summary>
public class RegisterPlaceEndToEndTests : IClassFixture<BrowserFixture>
{
    private static readonly string Bandages = DemoCatalog.Products().First(p => p.Name == "Adhesive Bandages, 30 ct").Gtin.Value;
    private static readonly string Sunscreen = DemoCatalog.Products().First(p => p.Name == "Sunscreen SPF 50, Lotion 8 oz").Gtin.Value;

    private readonly BrowserFixture _browser;

    public RegisterPlaceEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task A_second_browser_at_the_same_register_is_told_takes_it_over_and_the_first_is_locked()
    {
        var first = await RegisterSteps.OpenRegisterAsync(_browser, "cashier", "Cashier-Demo-1", "R9");
        var remembered = (await first.Context.CookiesAsync()).Single(c => c.Name == RegisterChoices.DeviceCookie);
        Assert.Equal("BR-001/R9", Uri.UnescapeDataString(remembered.Value));
        await RegisterSteps.ScanAsync(first, Bandages);
        await RegisterSteps.WaitForLinesAsync(first, 1);
        var number = await first.InnerTextAsync("[data-testid=sale-number]");

        // The second browser: same register, its own sign-in. It is told who is there before it touches the sale.
        var second = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(second, "cashier", "Cashier-Demo-1", "R9");
        await second.ClickAsync("[data-testid=nav-register]");
        var held = await second.WaitForSelectorAsync("[data-testid=register-held]");
        Assert.Contains("(cashier)", await held!.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await second.Locator("[data-testid=cart-line]").CountAsync());
        await second.ClickAsync("[data-testid=take-over]");
        await second.WaitForSelectorAsync("[data-testid=register]");
        await RegisterSteps.WaitForLinesAsync(second, 1);
        Assert.Equal(number, await second.InnerTextAsync("[data-testid=sale-number]"));

        // The first screen is told and locked: what it scans or pays changes nothing.
        await first.WaitForSelectorAsync("[data-testid=register-locked]");
        await first.WaitForSelectorAsync("[data-testid=register][data-locked=true]");
        await RegisterSteps.ScanAsync(first, Sunscreen);
        await first.WaitForSelectorAsync("[data-testid=counter-message][data-kind=error]");
        Assert.Contains("taken over on another screen", await first.InnerTextAsync("[data-testid=counter-message]"), StringComparison.Ordinal);
        Assert.Equal(1, await first.Locator("[data-testid=cart-line]").CountAsync());
        await first.Keyboard.PressAsync("F10");
        Assert.Equal(0, await first.Locator("[data-testid=payment-dialog]").CountAsync());

        // The second screen sells the sale, whole.
        await RegisterSteps.ScanAsync(second, Sunscreen);
        await RegisterSteps.WaitForLinesAsync(second, 2);
        await second.Keyboard.PressAsync("F10");
        await second.WaitForSelectorAsync("[data-testid=payment-dialog]");
        await second.FillAsync("[data-testid=payment-amount] input, input[data-testid=payment-amount]", "100");
        await second.Keyboard.PressAsync("Enter");
        await second.WaitForSelectorAsync("[data-testid=sale-completed]");

        var factory = _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var sale = await db.Set<Sale>().SingleAsync(s => s.RegisterId == "R9");
        Assert.Equal(number, sale.SaleNumber);
        Assert.Equal(2, sale.ActiveLines.Count());
        Assert.Equal(100m, sale.Tenders.Single().CashTendered!.Value.Amount);
        var open = await db.Set<OpenCart>().SingleAsync(c => c.Register == "R9" && c.Status == OpenCartStatus.Open);
        Assert.Equal(0, open.ItemCount);
    }
}
