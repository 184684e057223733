using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>In Chromium: a cashier prints a sale's receipt, then scans its barcode number at Returns and takes one line back.</summary>
public class ReturnsEndToEndTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public ReturnsEndToEndTests(BrowserFixture browser) => _browser = browser;

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    /// <summary>A completed cash sale at Main Street by the demo cashier, with stock taken from each product's latest lot.</summary>
    private async Task<(Sale Sale, Branch Branch, Dictionary<Guid, Guid> Lots)> SellAsync()
    {
        var services = _browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        var branch = await db.Set<Branch>().SingleAsync(b => b.Code == "BR-001");
        var cashier = await db.Set<StaffUser>().SingleAsync(u => u.UserName == "cashier");
        var products = await db.Set<Product>().Where(p => !p.RxOnly && p.ListedChemical == null && p.MinimumAge == null && p.Schedule == DeaSchedule.None)
            .OrderBy(p => p.Name).Take(2).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var number = "S" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var sale = new Sale(Guid.CreateVersion7(), number, branch.Id, "R1", cashier.Id, now);
        sale.AddLine(products[0], 2, branch);
        sale.AddLine(products[1], 1, branch);
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, now);
        sale.AddCashTender(decimal.Ceiling(sale.Total.Amount / 10m) * 10m);
        sale.Complete(now);
        db.Add(sale);
        await db.SaveChangesAsync();
        var lots = new Dictionary<Guid, Guid>();
        foreach (var line in sale.Lines)
        {
            var lot = await db.Set<StockLot>().Where(l => l.BranchId == branch.Id && l.ProductId == line.ProductId)
                .OrderByDescending(l => l.Expiry).Select(l => l.Id).FirstAsync();
            await db.Set<StockLot>().Where(l => l.Id == lot)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityOnHand, l => l.QuantityOnHand - line.Quantity));
            lots[line.Id] = lot;
        }
        return (sale, branch, lots);
    }

    private async Task<int> OnHandAsync(Guid lot)
    {
        await using var db = await _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        return await db.Set<StockLot>().Where(l => l.Id == lot).Select(l => l.QuantityOnHand).SingleAsync();
    }

    [Fact]
    public async Task Cashier_prints_the_receipt_then_scans_it_at_returns_and_takes_one_line_back()
    {
        var (sale, branch, lots) = await SellAsync();
        var first = sale.ActiveLines.First();
        var onHandBefore = await OnHandAsync(lots[first.Id]);
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cashier", "Cashier-Demo-1");

        // The receipt on screen, then as the printer sees it.
        await page.GotoAsync($"/counter/receipt/{sale.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=receipt]");
        Assert.Equal(sale.Total.ToString(), (await page.InnerTextAsync("[data-testid=receipt-total]")).Trim());
        Assert.Equal(branch.Name, (await page.InnerTextAsync("[data-testid=receipt-branch]")).Trim());
        Assert.Equal(sale.SaleNumber, await page.GetAttributeAsync("[data-testid=receipt-barcode] svg", "data-code128"));
        Assert.True(await page.IsVisibleAsync("[data-testid=print-receipt]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("receipt-screen.png") });

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync(".mud-appbar"));
        Assert.False(await page.IsVisibleAsync("[data-testid=print-receipt]"));
        var receiptBox = await page.Locator("[data-testid=receipt]").BoundingBoxAsync();
        // 72 mm at CSS's 96 px per inch is 272 px.
        Assert.InRange(receiptBox!.Width, 270, 275);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("receipt-print-page.png"), FullPage = true });
        await page.Locator("[data-testid=receipt]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Shot("receipt-print.png") });
        Assert.InRange(receiptBox.X, 0, 40); // centred on the 80 mm roll
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = Shot("receipt.pdf"), PreferCSSPageSize = true, PrintBackground = true });
        // @page size 80 mm: 226.77 points wide.
        var mediaBox = System.Text.RegularExpressions.Regex.Match(Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)");
        Assert.True(mediaBox.Success, "The PDF has a page size.");
        Assert.InRange(double.Parse(mediaBox.Groups[1].Value, CultureInfo.InvariantCulture), 225.5, 228);
        // One page as long as the receipt: everything printed on it, with little paper left over.
        var lengthPt = double.Parse(mediaBox.Groups[2].Value, CultureInfo.InvariantCulture);
        var printedPt = (receiptBox.Y + receiptBox.Height) * 72 / 96;
        Assert.InRange(lengthPt - printedPt, 0, 30 * 72 / 25.4);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Returns: scan the receipt's number, take one unit of the first line back.
        await RegisterSteps.ChooseReturnAsync(page, sale.SaleNumber, first.LineNumber, 1, "Customer changed their mind");
        var expected = SaleReturn.Quote(sale, [], [new ReturnRequest(first.Id, 1)], branch.Policy.RefundApprovalThreshold).Total;
        await page.WaitForSelectorAsync("[data-testid=quote-total]");
        Assert.Equal(expected.ToString(), (await page.InnerTextAsync("[data-testid=quote-total]")).Trim());
        await page.WaitForSelectorAsync("[data-testid=return-commit]:not([disabled])");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("return-quote.png") });

        await page.ClickAsync("[data-testid=return-commit]");
        await page.WaitForSelectorAsync("[data-testid=return-done]");
        Assert.Equal(expected.ToString(), (await page.InnerTextAsync("[data-testid=refund-total]")).Trim());
        Assert.Contains($"Cash back: {expected}", await page.InnerTextAsync("[data-testid=return-done]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("return-done.png") });
        Assert.Equal(onHandBefore + 1, await OnHandAsync(lots[first.Id]));

        // The history shows the sale with its return.
        await page.GotoAsync($"/counter/history/{sale.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=sale-return-entry]");
        Assert.Contains(expected.ToString(), await page.InnerTextAsync("[data-testid=sale-return-entry]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("sale-details.png") });
    }

    [Fact]
    public async Task A_card_that_declines_its_refund_leaves_the_return_recorded_and_a_manager_has_the_rest_handed_back_in_cash()
    {
        // One item, paid on two cards; the second card's refund ends in .13 cents, which the simulated terminal declines.
        var services = _browser.App.Services;
        var factory = services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        Sale sale;
        Guid lot;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var branch = await db.Set<Branch>().SingleAsync(b => b.Code == "BR-001");
            var cashier = await db.Set<StaffUser>().SingleAsync(u => u.UserName == "cashier");
            var product = (await db.Set<Product>().Where(p => !p.RxOnly && p.ListedChemical == null && p.MinimumAge == null && p.Schedule == DeaSchedule.None)
                .ToListAsync()).Where(p => p.Price.Amount is > 8m and < 40m).OrderBy(p => p.Name).First();
            var now = DateTimeOffset.UtcNow;
            sale = new Sale(Guid.CreateVersion7(), "S" + now.ToString("yyyyMMddHHmmssff", CultureInfo.InvariantCulture), branch.Id, "R1", cashier.Id, now);
            sale.AddLine(product, 1, branch);
            sale.ApplyPromotions(PricingEngine.WithoutPromotions, now);
            sale.AddApprovedCardTender(TenderKind.Card, sale.Total.Amount - 5.13m, "Visa", "4242", "A1B2C3", "TX-E2E-" + Guid.NewGuid().ToString("N")[..12]);
            sale.AddApprovedCardTender(TenderKind.Card, 5.13m, "Mastercard", "5100", "D4E5F6", "TX-E2E-" + Guid.NewGuid().ToString("N")[..12]);
            sale.Complete(now);
            db.Add(sale);
            await db.SaveChangesAsync();
            lot = await db.Set<StockLot>().Where(l => l.BranchId == branch.Id && l.ProductId == product.Id)
                .OrderByDescending(l => l.Expiry).Select(l => l.Id).FirstAsync();
        }
        var onHand = await OnHandAsync(lot);
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "cashier", "Cashier-Demo-1");

        await RegisterSteps.ChooseReturnAsync(page, sale.SaleNumber, 1, 1, "Opened by mistake");
        await page.WaitForSelectorAsync("[data-testid=return-commit]:not([disabled])");
        await page.ClickAsync("[data-testid=return-commit]");
        await page.WaitForSelectorAsync("[data-testid=return-pending]");
        var error = await page.InnerTextAsync("[data-testid=return-commit-error]");
        Assert.Contains("The refund of $5.13 to Mastercard **** 5100 was declined", error, StringComparison.Ordinal);
        Assert.Contains("already went back to the customer's card and is recorded", error, StringComparison.Ordinal);
        Assert.Equal(["Approved", "Declined"], await page.Locator("[data-testid=pending-refund]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)"));
        Assert.False(await page.IsVisibleAsync("[data-testid=return-abandon]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("return-pending.png") });

        // A reload finds the return where it stood; the first card is not asked again.
        await page.GotoAsync($"/counter/returns?sale={sale.SaleNumber}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=return-pending]");
        await page.ClickAsync("[data-testid=return-rest-in-cash]");
        await page.Locator("input[data-testid=approval-user], [data-testid=approval-user] input").First.FillAsync("manager");
        await page.Locator("input[data-testid=approval-password], [data-testid=approval-password] input").First.FillAsync("Manager-Demo-1");
        await page.ClickAsync("[data-testid=approval-submit]");
        await page.WaitForSelectorAsync("[data-testid=return-done]");

        Assert.Contains("Cash back: $5.13", await page.InnerTextAsync("[data-testid=return-done]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("return-rest-in-cash.png") });
        Assert.Equal(onHand + 1, await OnHandAsync(lot));
        await using var after = await factory.CreateDbContextAsync();
        var done = await after.Set<SaleReturn>().SingleAsync(r => r.SaleId == sale.Id);
        Assert.Equal(ReturnStatus.Completed, done.Status);
        Assert.Single(done.Refunds, r => r.Kind == TenderKind.Card && r.Status == RefundStatus.Approved);
    }

    [Fact]
    public async Task History_refuses_an_inverted_date_range_and_lists_the_branch_sales()
    {
        var (sale, _, _) = await SellAsync();
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "manager", "Manager-Demo-1");
        await page.GotoAsync("/counter/history");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync($"[data-testid=history-row]:text('{sale.SaleNumber}')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("history.png") });

        await page.Locator("input[data-testid=history-from], [data-testid=history-from] input").First.FillAsync("03/10/2026");
        await page.Locator("input[data-testid=history-to], [data-testid=history-to] input").First.FillAsync("03/09/2026");
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("[data-testid=history-search]");
        await page.WaitForSelectorAsync("[data-testid=history-error]");
        Assert.Contains("after the \"to\" date", await page.InnerTextAsync("[data-testid=history-error]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("history-inverted.png") });
    }
}
