using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;

namespace PharmacyPos.Tests.Domain.Compliance;

/// <summary>
/// 21 CFR 1306.26(b): per purchaser in any 48 hours, not more than 240 mL of a Schedule V medicine containing opium,
/// 120 mL of any other, 48 dosage units containing opium, 24 of any other. A branch may be stricter, never looser.
/// </summary>
public class ScheduleVOtcMeasureTests
{
    private static readonly Guid Pharmacist = Guid.CreateVersion7();

    private static Branch SellingBranch()
    {
        var branch = Chicago();
        branch.Policy.SetScheduleVOtc(allowed: true);
        return branch;
    }

    private static PhotoId Adult() =>
        PhotoId.Create(PhotoIdType.DriversLicense, "L1234567", "IL", new DateOnly(1985, 5, 5), "Sam Reed", "4 Oak St, Chicago IL", null, new DateOnly(2028, 3, 1));

    private static Product Medicine(ScheduleVContent content)
    {
        var product = new Product(Gtin.Parse("4006381333931"), "Schedule V medicine", "Cough", TaxClass.ReducedOtc, Money.Of(9.99m));
        product.Classify(DeaSchedule.V, rxOnly: false);
        product.DescribeScheduleV(content);
        return product;
    }

    private static ScheduleVOtcLimitResult Sell(Product product, int packages, Branch? branch = null, IEnumerable<ScheduleVOtcPurchase>? prior = null)
    {
        branch ??= SellingBranch();
        return ScheduleVOtcLimit.Check(product, packages, Local(branch, 2028, 3, 1, 10, 0), branch, Adult(), Pharmacist, prior ?? []);
    }

    [Theory]
    [InlineData(ScheduleVMeasure.Milliliters, true, 5, 48, true)]    // 240 mL containing opium
    [InlineData(ScheduleVMeasure.Milliliters, true, 5, 49, false)]   // 245 mL
    [InlineData(ScheduleVMeasure.Milliliters, false, 5, 24, true)]   // 120 mL of any other
    [InlineData(ScheduleVMeasure.Milliliters, false, 5, 25, false)]  // 125 mL
    [InlineData(ScheduleVMeasure.DosageUnits, true, 1, 48, true)]    // 48 dosage units containing opium
    [InlineData(ScheduleVMeasure.DosageUnits, true, 1, 49, false)]
    [InlineData(ScheduleVMeasure.DosageUnits, false, 1, 24, true)]   // 24 dosage units of any other
    [InlineData(ScheduleVMeasure.DosageUnits, false, 1, 25, false)]
    [InlineData(ScheduleVMeasure.DosageUnits, false, 12, 2, true)]
    [InlineData(ScheduleVMeasure.DosageUnits, false, 12, 3, false)]
    public void Each_kind_is_held_to_its_federal_limit_exactly(ScheduleVMeasure measure, bool opium, int perPackage, int packages, bool allowed)
    {
        var check = Sell(Medicine(new ScheduleVContent(measure, perPackage, opium)), packages);
        Assert.Equal(allowed, check.Decision.IsAllowed);
    }

    [Theory]
    [InlineData(true, "240", true)]
    [InlineData(true, "240.01", false)]
    [InlineData(false, "120", true)]
    [InlineData(false, "120.01", false)]
    public void A_liquid_is_counted_by_its_volume_to_the_hundredth_of_a_millilitre(bool opium, string milliliters, bool allowed)
    {
        var volume = decimal.Parse(milliliters, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(allowed, Sell(Medicine(ScheduleVContent.Liquid(volume, opium)), 1).Decision.IsAllowed);
    }

    [Fact]
    public void Earlier_purchases_count_toward_their_own_kind_only()
    {
        var at = Local(SellingBranch(), 2028, 3, 1, 9, 0);
        var prior = new[] { new ScheduleVOtcPurchase(at, new ScheduleVAmount(ScheduleVMeasure.Milliliters, false, 120m)) };

        Assert.True(Sell(Medicine(ScheduleVContent.Liquid(1m)), 1, prior: prior).Decision.IsRefused);
        Assert.True(Sell(Medicine(ScheduleVContent.Liquid(240m, containsOpium: true)), 1, prior: prior).Decision.IsAllowed);
        Assert.True(Sell(Medicine(ScheduleVContent.Solid(24)), 1, prior: prior).Decision.IsAllowed);
        Assert.True(Sell(Medicine(ScheduleVContent.Solid(48, containsOpium: true)), 1, prior: prior).Decision.IsAllowed);
    }

    [Fact]
    public void The_refusal_names_the_kind_the_amounts_and_the_limit()
    {
        var check = Sell(Medicine(ScheduleVContent.Solid(10, containsOpium: true)), 5);
        Assert.Equal("The purchaser has bought 0 dosage units of opium-containing dosage units C-V medicine in the last 48 hours; with this sale it would be 50 dosage units and the limit is 48 dosage units.",
            check.Decision.Reason);
    }

    [Fact]
    public void A_product_the_catalog_has_not_measured_is_not_sold_without_a_prescription()
    {
        var product = new Product(Gtin.Parse("4006381333931"), "Unmeasured syrup", "Cough", TaxClass.ReducedOtc, Money.Of(9.99m));
        product.Classify(DeaSchedule.V, rxOnly: false);
        var check = Sell(product, 1);
        Assert.True(check.Decision.IsRefused);
        Assert.Contains("does not say how many mL or dosage units", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stricter_branch_limit_applies()
    {
        var branch = Chicago();
        branch.Policy.SetScheduleVOtc(allowed: true, new ScheduleVOtcLimits(120m, 60m, 24, 12));
        Assert.True(Sell(Medicine(ScheduleVContent.Solid(12)), 1, branch).Decision.IsAllowed);
        Assert.True(Sell(Medicine(ScheduleVContent.Solid(13)), 1, branch).Decision.IsRefused);
        Assert.True(Sell(Medicine(ScheduleVContent.Liquid(60m)), 1, branch).Decision.IsAllowed);
        Assert.True(Sell(Medicine(ScheduleVContent.Liquid(61m)), 1, branch).Decision.IsRefused);
    }

    [Theory]
    [InlineData(240.01, 120, 48, 24)]
    [InlineData(240, 120.01, 48, 24)]
    [InlineData(240, 120, 49, 24)]
    [InlineData(240, 120, 48, 25)]
    [InlineData(240, 120, 100_000, 100_000)]
    public void A_branch_limit_looser_than_the_federal_one_is_refused_with_the_reason(decimal opiumMl, decimal otherMl, int opiumUnits, int otherUnits)
    {
        var ex = Assert.Throws<DomainException>(() => new ScheduleVOtcLimits(opiumMl, otherMl, opiumUnits, otherUnits));
        Assert.Contains("never looser", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 120, 48, 24)]
    [InlineData(240, 120, 48, 0)]
    public void A_branch_limit_of_nothing_is_refused(decimal opiumMl, decimal otherMl, int opiumUnits, int otherUnits) =>
        Assert.Throws<DomainException>(() => new ScheduleVOtcLimits(opiumMl, otherMl, opiumUnits, otherUnits));

    [Fact]
    public void A_refused_policy_change_leaves_the_policy_as_it_was()
    {
        var branch = Chicago();
        branch.Policy.SetScheduleVOtc(allowed: true, new ScheduleVOtcLimits(200m, 100m, 40, 20));
        Assert.Throws<DomainException>(() => branch.Policy.SetScheduleVOtc(allowed: true, new ScheduleVOtcLimits(240m, 120m, 48, 100_000)));
        Assert.Equal(new ScheduleVOtcLimits(200m, 100m, 40, 20), branch.Policy.ScheduleVOtcLimits);
    }

    [Fact]
    public void A_new_branch_holds_the_federal_limits() =>
        Assert.Equal(ScheduleVOtcLimits.Federal, Chicago().Policy.ScheduleVOtcLimits);

    [Fact]
    public void Only_a_schedule_v_medicine_is_measured_and_dosage_units_are_whole()
    {
        var plain = new Product(Gtin.Parse("96385074"), "Tissues", "Household", TaxClass.Standard, Money.Of(1m));
        Assert.Throws<DomainException>(() => plain.DescribeScheduleV(ScheduleVContent.Solid(10)));
        Assert.Throws<DomainException>(() => new ScheduleVContent(ScheduleVMeasure.DosageUnits, 1.5m, false));
        Assert.Throws<DomainException>(() => ScheduleVContent.Liquid(0m));
        var syrup = Medicine(ScheduleVContent.Liquid(118m));
        syrup.Classify(DeaSchedule.None, rxOnly: false);
        Assert.Null(syrup.ScheduleV);
    }
}
