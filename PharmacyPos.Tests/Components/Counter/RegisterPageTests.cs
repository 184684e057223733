using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PharmacyPos.Tests.Features.Counter;
using PharmacyPos.Web.Features;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Components.Counter;

/// <summary>The register page on a real (SQLite) database, driven by the keys the scan box hands over.</summary>
public class RegisterPageTests : BunitContext, IAsyncLifetime
{
    private CounterStore _store = default!;

    public async Task InitializeAsync()
    {
        _store = await CounterStore.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging().AddPersistence(_store.Database.Settings);
        Services.AddSingleton<TimeProvider>(_store.Time);
        Services.AddSingleton<IPaymentTerminal, SimulatedPaymentTerminal>();
        Services.AddSignalR();
        Services.AddFeatures();
        var auth = AddAuthorization();
        auth.SetAuthorized("cashier");
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, _store.Cashier.UserId!.Value.ToString()),
            new Claim(ClaimTypes.Role, "Cashier"),
            new Claim(PosClaims.Branch, _store.Branch.Id.ToString()),
            new Claim(PosClaims.Register, "R1"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<RegisterPage> Page, ScanBox Box) Open()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<RegisterPage>();
        page.WaitForElement("[data-testid=register]");
        return (dialogs, page, page.FindComponent<ScanBox>().Instance);
    }

    private static int[] Quantities(IRenderedComponent<RegisterPage> page) =>
        [.. page.FindAll("[data-testid=line-quantity]").Select(e => int.Parse(e.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task An_unknown_code_shows_a_plain_message_and_the_cart_stays_as_it_was()
    {
        var (_, page, box) = Open();
        await page.InvokeAsync(() => box.Scanned(_store.Ibuprofen.Gtin.Value));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=cart-line]")));
        var total = page.Find("[data-testid=total]").TextContent;

        await page.InvokeAsync(() => box.Scanned("12345"));

        page.WaitForAssertion(() => Assert.Equal("\"12345\" is not a barcode or product code we know.", page.Find("[data-testid=counter-message]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=cart-line]"));
        Assert.Equal(total, page.Find("[data-testid=total]").TextContent);

        await page.InvokeAsync(() => box.Scanned("036000291452"));
        page.WaitForAssertion(() => Assert.Contains("is not in the catalog", page.Find("[data-testid=counter-message]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=cart-line]"));
    }

    [Fact]
    public async Task Arrow_keys_select_a_line_and_plus_and_minus_change_its_quantity()
    {
        var (_, page, box) = Open();
        await page.InvokeAsync(() => box.Scanned(_store.Ibuprofen.Gtin.Value));
        await page.InvokeAsync(() => box.Scanned(_store.Bandages.Gtin.Value));
        page.WaitForAssertion(() => Assert.Equal([1, 1], Quantities(page)));

        await page.InvokeAsync(() => box.Shortcut("ArrowUp"));
        await page.InvokeAsync(() => box.Shortcut("+"));
        await page.InvokeAsync(() => box.Shortcut("+"));
        page.WaitForAssertion(() => Assert.Equal([3, 1], Quantities(page)));
        Assert.Equal("true", page.FindAll("[data-testid=cart-line]")[0].GetAttribute("aria-selected"));

        await page.InvokeAsync(() => box.Shortcut("ArrowDown"));
        await page.InvokeAsync(() => box.Shortcut("-"));
        page.WaitForAssertion(() => Assert.Equal("Sell at least one unit, or remove the line.", page.Find("[data-testid=counter-message]").TextContent.Trim()));
        Assert.Equal([3, 1], Quantities(page));
    }

    [Fact]
    public async Task F2_asks_for_a_quantity_and_Delete_asks_for_a_reason_before_removing_a_line()
    {
        var (dialogs, page, box) = Open();
        await page.InvokeAsync(() => box.Scanned(_store.Ibuprofen.Gtin.Value));
        await page.InvokeAsync(() => box.Scanned(_store.Bandages.Gtin.Value));
        page.WaitForAssertion(() => Assert.Equal(2, Quantities(page).Length));

        var asking = page.InvokeAsync(() => box.Shortcut("F2"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=quantity-dialog]")));
        dialogs.Find("[data-testid=quantity-input] input, input[data-testid=quantity-input]").Input("abc");
        dialogs.Find("[data-testid=quantity-dialog] form").Submit();
        dialogs.WaitForAssertion(() => Assert.Equal("\"abc\" is not a number of units.", dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));
        dialogs.Find("[data-testid=quantity-input] input, input[data-testid=quantity-input]").Input("4");
        dialogs.Find("[data-testid=quantity-dialog] form").Submit();
        await asking;
        page.WaitForAssertion(() => Assert.Equal([1, 4], Quantities(page)));

        var removing = page.InvokeAsync(() => box.Shortcut("Delete"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=reason-dialog]")));
        dialogs.Find("[data-testid=reason-input] input, input[data-testid=reason-input]").Input("Customer changed their mind");
        dialogs.Find("[data-testid=reason-dialog] form").Submit();
        await removing;
        page.WaitForAssertion(() => Assert.Equal([1], Quantities(page)));
        Assert.Equal(_store.Ibuprofen.Name, page.Find("[data-testid=line-name]").TextContent);
    }

    [Fact]
    public async Task Words_open_a_ranked_list_and_Enter_adds_the_highlighted_product()
    {
        var (_, page, box) = Open();

        await page.InvokeAsync(() => box.Scanned("tablet"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=search-choice]").Count));
        await page.InvokeAsync(() => box.Shortcut("ArrowDown"));
        await page.InvokeAsync(() => box.Scanned(""));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=cart-line]")));
        Assert.Equal(_store.Loratadine.Name, page.Find("[data-testid=line-name]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=search-choices]"));
    }

    [Fact]
    public async Task F10_opens_payment_and_cash_over_the_total_shows_the_change_and_the_receipt_link()
    {
        var (dialogs, page, box) = Open();
        await page.InvokeAsync(() => box.Scanned(_store.Bandages.Gtin.Value));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=cart-line]")));

        var paying = page.InvokeAsync(() => box.Shortcut("F10"));
        dialogs.WaitForAssertion(() => Assert.Equal("$4.64", dialogs.Find("[data-testid=payment-due]").TextContent));
        dialogs.Find("[data-testid=payment-amount] input, input[data-testid=payment-amount]").Input("4.645");
        dialogs.Find("[data-testid=payment-dialog] form").Submit();
        dialogs.WaitForAssertion(() => Assert.Equal("Amounts have at most two decimals (dollars and cents).", dialogs.Find("[data-testid=dialog-error]").TextContent.Trim()));
        dialogs.Find("[data-testid=payment-amount] input, input[data-testid=payment-amount]").Input("10");
        dialogs.Find("[data-testid=payment-dialog] form").Submit();
        await paying;

        page.WaitForAssertion(() => Assert.Equal("Change $5.36", page.Find("[data-testid=change-due]").TextContent.Trim()));
        Assert.StartsWith("/counter/receipt/", page.Find("[data-testid=receipt-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=cart-line]"));
    }
}
