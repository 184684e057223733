using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Sales;

public class PrescriptionLineTests
{
    private readonly PharmacyPos.Domain.Branches.Branch _branch = Branch(standardRate: 8.25m, prescriptionRate: 0m);

    [Fact]
    public void Charges_the_patient_copay_not_the_list_price()
    {
        var drug = Product("Amoxicillin 500mg caps", 42.00m, "Prescription", rx: true);
        var fill = Guid.CreateVersion7();
        var sale = NewSale(_branch);

        var line = sale.AddPrescriptionLine(drug, fill, M(10.00m), _branch);
        sale.Priced();

        Assert.Equal(fill, line.FillId);
        Assert.True(line.IsPrescription);
        Assert.Equal(1, line.Quantity);
        Assert.Equal(M(10.00m), line.UnitPrice);
        Assert.Equal(M(10.00m), sale.Subtotal);
    }

    [Fact]
    public void A_copay_line_takes_no_share_of_a_basket_discount()
    {
        var drug = Product("Lisinopril 10mg tabs", 30.00m, "Prescription", rx: true);
        var soap = Product("Hand soap", 10.00m, "Personal care");
        var sale = NewSale(_branch);
        var rx = sale.AddPrescriptionLine(drug, Guid.CreateVersion7(), M(5.00m), _branch);
        sale.AddLine(soap, 1, _branch);

        sale.ApplyBasketDiscount(Discount.Percent(10m, "Senior day"));
        sale.Priced();

        Assert.Equal(Money.Zero, rx.BasketDiscountShare);
        Assert.Equal(M(5.00m), rx.Amount);
    }

    [Fact]
    public void Refuses_the_same_fill_twice()
    {
        var drug = Product("Metformin 500mg tabs", 12.00m, "Prescription", rx: true);
        var fill = Guid.CreateVersion7();
        var sale = NewSale(_branch);
        sale.AddPrescriptionLine(drug, fill, M(3.00m), _branch);

        var error = Assert.Throws<DomainException>(() => sale.AddPrescriptionLine(drug, fill, M(3.00m), _branch));

        Assert.Equal("This prescription is already on the sale.", error.Message);
        Assert.Single(sale.ActiveLines);
    }

    [Fact]
    public void Refuses_to_change_the_quantity_of_a_dispensed_fill()
    {
        var drug = Product("Atorvastatin 20mg tabs", 25.00m, "Prescription", rx: true);
        var sale = NewSale(_branch);
        var line = sale.AddPrescriptionLine(drug, Guid.CreateVersion7(), M(7.50m), _branch);

        var error = Assert.Throws<DomainException>(() => sale.ChangeQuantity(line.Id, 2));

        Assert.Contains("as dispensed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, line.Quantity);
    }

    [Fact]
    public void A_fill_removed_from_the_sale_can_be_added_again()
    {
        var drug = Product("Sertraline 50mg tabs", 20.00m, "Prescription", rx: true);
        var fill = Guid.CreateVersion7();
        var sale = NewSale(_branch);
        var first = sale.AddPrescriptionLine(drug, fill, M(4.00m), _branch);
        sale.RemoveLine(first.Id, "Patient changed their mind");

        var again = sale.AddPrescriptionLine(drug, fill, M(4.00m), _branch);

        Assert.Equal(fill, again.FillId);
        Assert.Single(sale.ActiveLines);
    }

    [Theory]
    [InlineData(-0.01)]
    public void Refuses_a_negative_copay(decimal copay)
    {
        var drug = Product("Omeprazole 20mg caps", 15.00m, "Prescription", rx: true);
        var sale = NewSale(_branch);

        Assert.Throws<DomainException>(() => sale.AddPrescriptionLine(drug, Guid.CreateVersion7(), M(copay), _branch));
        Assert.Empty(sale.Lines);
    }

    [Theory]
    [InlineData(PharmacyPos.Domain.Catalog.DeaSchedule.None)]
    [InlineData(PharmacyPos.Domain.Catalog.DeaSchedule.II)]
    [InlineData(PharmacyPos.Domain.Catalog.DeaSchedule.IV)]
    [InlineData(PharmacyPos.Domain.Catalog.DeaSchedule.V)]
    public void A_prescription_only_drug_is_never_a_store_item_only_a_fill(PharmacyPos.Domain.Catalog.DeaSchedule schedule)
    {
        var drug = Product("Oxycodone HCl 5 mg tablet, 30 ct", 24.00m, "Prescription");
        drug.Classify(schedule, rxOnly: true);
        var sale = NewSale(_branch);

        var error = Assert.Throws<DomainException>(() => sale.AddLine(drug, 1, _branch));

        Assert.Equal("Prescription item: hand it over from its filled prescription, F11 or the bag label. Oxycodone HCl 5 mg tablet, 30 ct is not sold as a store item.",
            error.Message);
        Assert.Equal(error.Message, Sale.StoreItemRefusal(drug));
        Assert.Empty(sale.Lines);
        var fill = sale.AddPrescriptionLine(drug, Guid.CreateVersion7(), M(5.00m), _branch);
        Assert.Equal(fill.Id, Assert.Single(sale.ActiveLines).Id);
        Assert.True(fill.IsPrescription);
    }

    [Fact]
    public void A_store_item_is_not_refused_as_a_prescription()
    {
        var syrup = Product("Codeine/guaifenesin syrup", 12.99m, "Cold and flu");
        syrup.Classify(PharmacyPos.Domain.Catalog.DeaSchedule.V, rxOnly: false);

        Assert.Null(Sale.StoreItemRefusal(syrup));
        Assert.False(NewSale(_branch).AddLine(syrup, 1, _branch).IsPrescription);
    }
}
