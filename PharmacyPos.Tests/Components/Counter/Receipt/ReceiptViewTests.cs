using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Receipt;
using PharmacyPos.Web.Features.Counter.Returns;

namespace PharmacyPos.Tests.Components.Counter.Receipt;

/// <summary>The printed receipt and the return screen's lines, rendered from a committed sale.</summary>
public sealed class ReceiptViewTests
{
    private static readonly DateTimeOffset SoldAt = new(2026, 3, 10, 17, 5, 0, TimeSpan.Zero);

    /// <summary>A bUnit context with MudBlazor; dispose it with <c>await using</c> (MudBlazor's services dispose only asynchronously).</summary>
    private static BunitContext Bunit()
    {
        var bunit = new BunitContext();
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        return bunit;
    }

    private static SaleRecord Record(bool withPrescription = false)
    {
        var branch = new Branch("BR-001", "Main Street Pharmacy", "100 Main Street, Austin, TX 78701", "TX", "America/Chicago");
        branch.SetTaxRate(TaxClass.Standard, Percentage.Of(8.25m));
        var ibuprofen = new Product(Gtin.FromBody("03000011100"), "Ibuprofen 200 mg tablet, 50 ct", "Pain relief", TaxClass.Standard, Money.Of(5.49m));
        var thermometer = new Product(Gtin.FromBody("08000044400"), "Digital Thermometer", "Medical supplies", TaxClass.Standard, Money.Of(12.99m));
        var sale = new Sale(Guid.CreateVersion7(), "S20260310000042", branch.Id, "R2", Guid.CreateVersion7(), SoldAt, loyaltyMember: true);
        sale.AddLine(ibuprofen, 2, branch);
        var discounted = sale.AddLine(thermometer, 1, branch);
        if (withPrescription)
        {
            var amoxicillin = new Product(Gtin.FromBody("03000033300"), "Amoxicillin 500 mg capsule, 21 ct", "Prescription", TaxClass.Standard, Money.Of(12m));
            amoxicillin.Classify(DeaSchedule.None, rxOnly: true);
            sale.AddPrescriptionLine(amoxicillin, Guid.CreateVersion7(), Money.Of(12m), branch);
        }
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, SoldAt);
        sale.ApplyLineDiscount(discounted.Id, Discount.Amount(2.00m, "Dented box"));
        sale.AddApprovedCardTender(TenderKind.Card, 10.00m, "Visa", "4242", "A1B2C3", "TX0001");
        sale.AddCashTender(withPrescription ? 40.00m : 20.00m);
        sale.Complete(SoldAt);
        return new SaleRecord(sale, branch, "Casey Cashier", "Maria Garcia", "LOY-100001", []);
    }

    [Fact]
    public async Task Receipt_shows_branch_cashier_lines_tenders_and_totals_of_the_sale()
    {
        var record = Record();
        var sale = record.Sale;

        await using var bunit = Bunit();
        var receipt = bunit.Render<ReceiptView>(p => p.Add(r => r.Record, record));

        Assert.Equal("Main Street Pharmacy", receipt.Find("[data-testid=receipt-branch]").TextContent);
        Assert.Contains("100 Main Street, Austin, TX 78701", receipt.Markup, StringComparison.Ordinal);
        Assert.Equal("Cashier: Casey Cashier", receipt.Find("[data-testid=receipt-cashier]").TextContent);
        Assert.Contains("03/10/2026 12:05 PM", receipt.Markup, StringComparison.Ordinal); // 17:05 UTC in Chicago (CDT)
        var lines = receipt.FindAll("[data-testid=receipt-line]");
        Assert.Equal(2, lines.Count);
        Assert.Contains("Ibuprofen 200 mg tablet, 50 ct", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 × $5.49", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("$10.98", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Discount $2.00", lines[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("-$2.00", lines[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(sale.Subtotal.ToString(), receipt.Find("[data-testid=receipt-subtotal]").TextContent);
        Assert.Equal(sale.Tax.ToString(), receipt.Find("[data-testid=receipt-tax]").TextContent);
        Assert.Equal(sale.Total.ToString(), receipt.Find("[data-testid=receipt-total]").TextContent);
        Assert.Equal("$21.97", sale.Subtotal.ToString());
        Assert.Equal("$23.79", sale.Total.ToString());

        var tenders = receipt.FindAll("[data-testid=receipt-tender]").Select(t => t.TextContent).ToList();
        Assert.Equal(2, tenders.Count);
        Assert.Contains("Visa **** 4242", tenders[0], StringComparison.Ordinal);
        Assert.Contains("$10.00", tenders[0], StringComparison.Ordinal);
        Assert.Contains("Auth A1B2C3", receipt.Markup, StringComparison.Ordinal);
        Assert.Contains("$20.00", tenders[1], StringComparison.Ordinal);
        Assert.Contains(sale.ChangeDue.ToString(), receipt.Find("[data-testid=receipt-change]").TextContent, StringComparison.Ordinal);
        Assert.Equal("$6.21", sale.ChangeDue.ToString());
        // The card is printed as its last four digits only; the terminal's reference stays off the receipt.
        Assert.DoesNotContain("TX0001", receipt.Markup, StringComparison.Ordinal);
        Assert.Contains("You saved $2.00", receipt.Find("[data-testid=receipt-savings]").TextContent, StringComparison.Ordinal);
        Assert.Contains("****0001", receipt.Find("[data-testid=receipt-loyalty]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("LOY-100001", receipt.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_carries_the_sale_number_as_a_code_128_barcode()
    {
        var record = Record();

        await using var bunit = Bunit();
        var receipt = bunit.Render<ReceiptView>(p => p.Add(r => r.Record, record));

        var svg = receipt.Find("[data-testid=receipt-barcode] svg");
        Assert.Equal("S20260310000042", svg.GetAttribute("data-code128"));
        var bars = svg.QuerySelectorAll("rect[fill='#000']");
        Assert.Equal((Code128.Widths("S20260310000042").Count + 1) / 2, bars.Length);
        Assert.Equal(Code128.QuietZoneModules.ToString(System.Globalization.CultureInfo.InvariantCulture), bars[0].GetAttribute("x"));
    }

    [Fact]
    public async Task Return_screen_says_a_dispensed_prescription_cannot_be_returned()
    {
        var record = Record(withPrescription: true);
        var choices = record.Sale.ActiveLines.ToDictionary(l => l.Id, _ => new ReturnChoice());

        await using var bunit = Bunit();
        var lines = bunit.Render<ReturnLinesEditor>(p => p.Add(e => e.Record, record).Add(e => e.Choices, choices));

        var rows = lines.FindAll("[data-testid=return-line]");
        Assert.Equal(3, rows.Count);
        var prescription = rows.Single(r => r.TextContent.Contains("Amoxicillin", StringComparison.Ordinal));
        Assert.Equal(SaleReturn.DispensedPrescription, prescription.QuerySelector("[data-testid=not-returnable]")!.TextContent.Trim());
        Assert.Empty(prescription.QuerySelectorAll("input"));
        Assert.All(rows.Where(r => r != prescription), r => Assert.NotEmpty(r.QuerySelectorAll("input")));
    }
}
