using Bunit;
using MudBlazor.Services;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Register;

namespace PharmacyPos.Tests.Components.Counter;

public class CartComponentsTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    public CartComponentsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private static Sale SaleWithTwoLines()
    {
        var branch = new Branch("BR-T", "Test", "1 Test Road", "TX", "America/Chicago");
        branch.SetTaxRate(TaxClass.Standard, Percentage.Of(8.25m));
        var ibuprofen = new Product(Gtin.FromBody("35000110001"), "Ibuprofen 200 mg", "Pain relief", TaxClass.Standard, Money.Of(5.49m));
        ibuprofen.MarkFsaHsaEligible(true);
        var bandages = new Product(Gtin.FromBody("08123410001"), "Adhesive Bandages", "First aid", TaxClass.Standard, Money.Of(4.29m));
        var sale = new Sale(Guid.CreateVersion7(), "S261126120000000001", branch.Id, "R1", Guid.CreateVersion7(), Now);
        var first = sale.AddLine(ibuprofen, 3, branch);
        sale.AddLine(bandages, 1, branch);
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, Now);
        sale.ApplyLineDiscount(first.Id, Discount.Amount(1.00m, "Dented box"));
        return sale;
    }

    [Fact]
    public void Each_cart_line_shows_quantity_unit_price_discount_tax_and_total()
    {
        var sale = SaleWithTwoLines();
        var selected = sale.ActiveLines.Last().Id;

        var cut = Render<CartLines>(p => p.Add(c => c.Sale, sale).Add(c => c.SelectedLineId, selected));

        var rows = cut.FindAll("[data-testid=cart-line]");
        Assert.Equal(2, rows.Count);
        string Cell(int row, string id) => rows[row].QuerySelector($"[data-testid={id}]")!.TextContent.Trim();
        Assert.Equal("Ibuprofen 200 mg", Cell(0, "line-name"));
        Assert.Equal("3", Cell(0, "line-quantity"));
        Assert.Equal("$5.49", Cell(0, "line-price"));
        Assert.Equal("-$1.00", Cell(0, "line-discount"));
        // 3 x 5.49 = 16.47, less 1.00 = 15.47; 8.25% tax = 1.276... = 1.28
        Assert.Equal("$1.28", Cell(0, "line-tax"));
        Assert.Equal("$16.75", Cell(0, "line-total"));
        Assert.Equal("", Cell(1, "line-discount"));
        Assert.Equal("true", rows[1].GetAttribute("aria-selected"));
        Assert.Equal("false", rows[0].GetAttribute("aria-selected"));
    }

    [Fact]
    public void Totals_are_the_sales_own_figures()
    {
        var sale = SaleWithTwoLines();

        var cut = Render<CartTotals>(p => p.Add(c => c.Sale, sale));

        Assert.Equal(sale.Subtotal.ToString(), cut.Find("[data-testid=subtotal]").TextContent);
        Assert.Equal(sale.Tax.ToString(), cut.Find("[data-testid=tax]").TextContent);
        Assert.Equal("$21.39", cut.Find("[data-testid=total]").TextContent);
        Assert.Equal(sale.EligibleFsaHsaSubtotal.ToString(), cut.Find("[data-testid=fsa-eligible]").TextContent);
    }

    [Fact]
    public void An_empty_sale_asks_for_the_first_item()
    {
        var branch = new Branch("BR-T", "Test", "1 Test Road", "TX", "America/Chicago");
        var sale = new Sale(Guid.CreateVersion7(), "S261126120000000002", branch.Id, "R1", Guid.CreateVersion7(), Now);

        var cut = Render<CartLines>(p => p.Add(c => c.Sale, sale));

        Assert.Empty(cut.FindAll("[data-testid=cart-line]"));
        Assert.Equal("Scan the first item.", cut.Find("[data-testid=cart-empty]").TextContent);
    }

    [Theory]
    [InlineData("10%", DiscountKind.Percentage, 10)]
    [InlineData("2.50", DiscountKind.Amount, 2.50)]
    [InlineData("$2.50", DiscountKind.Amount, 2.50)]
    public void A_discount_is_typed_as_an_amount_or_a_percentage(string typed, DiscountKind kind, decimal value)
    {
        var discount = DiscountDialog.Parse(typed, "Loyal customer");

        Assert.Equal(kind, discount.Kind);
        Assert.Equal(value, discount.Value);
    }

    [Theory]
    [InlineData("2.505", "Amounts have at most two decimals (dollars and cents).")]
    [InlineData("-1", "A discount must be more than $0.00.")]
    [InlineData("150%", Discount.LargerThanPrice)]
    [InlineData("abc%", "\"abc%\" is not a percentage.")]
    public void A_bad_discount_is_refused_with_a_message(string typed, string message)
    {
        var refusal = Assert.Throws<DomainException>(() => DiscountDialog.Parse(typed, "Loyal customer"));

        Assert.Equal(message, refusal.Message);
    }
}
