using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using static PharmacyPos.Tests.Domain.Compliance.Counter;

namespace PharmacyPos.Tests.Domain.Compliance;

public class ScheduleVOtcLimitTests
{
    private static readonly Guid Pharmacist = Guid.CreateVersion7();

    private static Branch SellingBranch()
    {
        var branch = Chicago();
        branch.Policy.SetScheduleVOtc(allowed: true);
        return branch;
    }

    /// <summary>One 118 mL bottle of a non-opium syrup, as the limit counts it.</summary>
    private static ScheduleVOtcPurchase Bottle(DateTimeOffset at, decimal milliliters = 118m) =>
        new(at, new ScheduleVAmount(ScheduleVMeasure.Milliliters, ContainsOpium: false, milliliters));

    private static PhotoId Adult(DateOnly? born = null, DateOnly? today = null) =>
        PhotoId.Create(PhotoIdType.DriversLicense, "L1234567", "IL", born ?? new DateOnly(1985, 5, 5), "Sam Reed", "4 Oak St, Chicago IL",
            null, today ?? new DateOnly(2028, 3, 1));

    [Fact]
    public void Allowed_with_ID_and_a_pharmacist_approval()
    {
        var branch = SellingBranch();
        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, Local(branch, 2028, 3, 1, 10, 0), branch, Adult(), Pharmacist, []);
        Assert.True(check.Decision.IsAllowed, check.Decision.Reason);
    }

    [Fact]
    public void Needs_a_pharmacist_before_anything_else_is_done()
    {
        var branch = SellingBranch();
        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, Local(branch, 2028, 3, 1, 10, 0), branch, Adult(), null, []);
        Assert.True(check.Decision.IsAwaitingApproval);
        Assert.Equal(StaffRole.Pharmacist, check.Decision.ApproverRole);
        Assert.Contains("C-V", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_where_the_branch_does_not_sell_Schedule_V_without_prescription()
    {
        var branch = Chicago();
        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, Local(branch, 2028, 3, 1, 10, 0), branch, Adult(), Pharmacist, []);
        Assert.Equal("This branch does not sell C-V medicines without a prescription.", check.Decision.Reason);
    }

    [Fact]
    public void Refused_without_a_photo_ID()
    {
        var branch = SellingBranch();
        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, Local(branch, 2028, 3, 1, 10, 0), branch, null, Pharmacist, []);
        Assert.True(check.Decision.IsRefused);
        Assert.Contains("photo ID", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2028, 2, 29, false)] // the day before the 18th birthday
    [InlineData(2028, 3, 1, true)]
    public void The_purchaser_must_be_18_on_the_branch_date(int y, int m, int d, bool allowed)
    {
        var branch = SellingBranch();
        var today = new DateOnly(y, m, d);
        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, Local(branch, y, m, d, 10, 0), branch,
            Adult(born: new DateOnly(2010, 3, 1), today: today), Pharmacist, []);
        Assert.Equal(allowed, check.Decision.IsAllowed);
    }

    [Fact]
    public void A_prescription_only_product_is_refused()
    {
        var branch = SellingBranch();
        var product = CoughSyrupScheduleV();
        product.Classify(DeaSchedule.V, rxOnly: true);
        Assert.True(ScheduleVOtcLimit.Check(product, 1, Local(branch, 2028, 3, 1, 10, 0), branch, Adult(), Pharmacist, []).Decision.IsRefused);
    }

    [Fact]
    public void A_purchase_counts_until_exactly_48_hours_have_passed()
    {
        var branch = SellingBranch();
        var bought = Local(branch, 2028, 3, 1, 10, 0);
        var clock = new FakeTimeProvider(bought);
        var prior = new[] { Bottle(bought) };

        clock.Advance(TimeSpan.FromHours(48) - TimeSpan.FromMinutes(1));
        var justBefore = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, clock.GetUtcNow(), branch, Adult(), Pharmacist, prior);
        clock.Advance(TimeSpan.FromMinutes(1));
        var atExactly48Hours = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, clock.GetUtcNow(), branch, Adult(), Pharmacist, prior);

        Assert.True(justBefore.Decision.IsRefused);
        Assert.Equal(118m, justBefore.Prior);
        Assert.Equal(bought + ScheduleVOtcLimit.Window, justBefore.NextPurchaseAllowedAt);
        Assert.Equal(
            "The purchaser has bought 118 mL of non-opium liquid C-V medicine in the last 48 hours; with this sale it would be 236 mL and the limit is 120 mL. They can buy it again from March 3, 2028 at 10:00 AM.",
            justBefore.Decision.Reason);
        Assert.True(atExactly48Hours.Decision.IsAllowed);
        Assert.Equal(0m, atExactly48Hours.Prior);
    }

    [Fact]
    public void The_48_hours_are_elapsed_time_across_a_clock_change()
    {
        var branch = SellingBranch();
        // 10:00 CST on 10 March to 10:00 CDT on 12 March 2028 is only 47 hours: the clocks sprang forward.
        var bought = Local(branch, 2028, 3, 10, 10, 0);
        var sameClockTimeTwoDaysLater = Local(branch, 2028, 3, 12, 10, 0);
        Assert.Equal(TimeSpan.FromHours(47), sameClockTimeTwoDaysLater - bought);

        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 1, sameClockTimeTwoDaysLater, branch, Adult(), Pharmacist, [Bottle(bought)]);

        Assert.True(check.Decision.IsRefused);
        Assert.Contains("March 12, 2028 at 11:00 AM", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_millilitres_across_the_chain_and_says_when_enough_have_expired()
    {
        var branch = SellingBranch();
        var now = Local(branch, 2028, 3, 3, 12, 0);
        var sixty = CoughSyrupScheduleV();
        sixty.DescribeScheduleV(ScheduleVContent.Liquid(60m));
        var prior = new[]
        {
            Bottle(now.AddHours(-50), 120m), // outside the window
            Bottle(now.AddHours(-40), 30m),
            Bottle(now.AddHours(-10), 60m),
        };

        var check = ScheduleVOtcLimit.Check(sixty, 1, now, branch, Adult(), Pharmacist, prior);

        Assert.True(check.Decision.IsRefused);
        Assert.Equal(90m, check.Prior);
        Assert.Equal(now.AddHours(8), check.NextPurchaseAllowedAt);
    }

    [Fact]
    public void More_than_the_limit_in_one_sale_is_never_allowed()
    {
        var branch = SellingBranch();
        var check = ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 2, Local(branch, 2028, 3, 1, 10, 0), branch, Adult(), Pharmacist, []);
        Assert.True(check.Decision.IsRefused);
        Assert.Null(check.NextPurchaseAllowedAt);
        Assert.DoesNotContain("again", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_packages_are_not_a_sale() =>
        Assert.Throws<DomainException>(() =>
            ScheduleVOtcLimit.Check(CoughSyrupScheduleV(), 0, DateTimeOffset.UnixEpoch, SellingBranch(), Adult(), Pharmacist, []));
}
