using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using static PharmacyPos.Tests.Domain.Compliance.Counter;

namespace PharmacyPos.Tests.Domain.Compliance;

public class ListedChemicalLimitTests
{
    private const string ChicagoZone = "America/Chicago";

    private static ListedChemicalPurchase Pse(DateTimeOffset at, decimal grams, string zone = ChicagoZone) =>
        new(ListedChemical.Pseudoephedrine, at, grams, zone);

    [Fact]
    public void A_box_of_24_tablets_of_30_mg_holds_exactly_0_589824_g_of_base() =>
        Assert.Equal(0.589824m, ListedChemicalLimit.BaseGrams(Pseudoephedrine24(), 1));

    [Fact]
    public void Six_boxes_in_a_day_are_allowed_and_a_seventh_is_refused()
    {
        var branch = Chicago();
        var clock = new FakeTimeProvider(Local(branch, 2028, 3, 1, 9, 0));
        var box = Pseudoephedrine24();
        var log = new List<ListedChemicalPurchase>();

        for (var i = 0; i < 6; i++)
        {
            var check = ListedChemicalLimit.Check(box, 1, clock.GetUtcNow(), branch, log);
            Assert.True(check.Decision.IsAllowed, check.Decision.Reason);
            log.Add(Pse(clock.GetUtcNow(), check.ProposedGrams));
            clock.Advance(TimeSpan.FromHours(1));
        }
        var seventh = ListedChemicalLimit.Check(box, 1, clock.GetUtcNow(), branch, log);

        Assert.True(seventh.Decision.IsRefused);
        Assert.Equal(3.538944m, seventh.PriorGramsToday);
        Assert.Equal(
            "This sale would bring the purchaser to 4.129 g of pseudoephedrine today; the limit is 3.6 g. They can buy up to 0.061 g more today.",
            seventh.Decision.Reason);
    }

    [Fact]
    public void The_refusal_names_the_total_and_the_limit()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 15, 0);
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, at, branch, [Pse(at.AddHours(-2), 3.130m)]);
        Assert.StartsWith("This sale would bring the purchaser to 3.72 g of pseudoephedrine today; the limit is 3.6 g.", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.009176", true)]   // 3.599 g with the sale (a box holds 0.589824 g)
    [InlineData("3.010176", true)]   // exactly 3.6 g: allowed
    [InlineData("3.010177", false)]  // a microgram over: refused
    [InlineData("3.011176", false)]  // 3.601 g: refused
    public void Daily_limit_allows_exactly_3_6_g_and_refuses_any_amount_more(string priorGrams, bool allowed)
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var prior = decimal.Parse(priorGrams, System.Globalization.CultureInfo.InvariantCulture);
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, at, branch, [Pse(at.AddHours(-1), prior)]);
        Assert.Equal(allowed, check.Decision.IsAllowed);
    }

    // DEA Pharmacist's Manual, appendix G: tablets of pseudoephedrine HCl equal to 3.6 g of base in one day.
    [Theory]
    [InlineData(30, 146)]
    [InlineData(60, 73)]
    [InlineData(120, 36)]
    public void Matches_DEA_daily_equivalency_table(int milligrams, int tablets)
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        Assert.True(ListedChemicalLimit.Check(Pseudoephedrine(milligrams, tablets), 1, at, branch, []).Decision.IsAllowed);
        Assert.True(ListedChemicalLimit.Check(Pseudoephedrine(milligrams, tablets + 1), 1, at, branch, []).Decision.IsRefused);
    }

    // Same appendix: 366 tablets of 30 mg equal 9 g in 30 days, bought over three days within the daily limit.
    [Theory]
    [InlineData(366, true)]
    [InlineData(367, false)]
    public void Matches_DEA_thirty_day_equivalency_table(int tablets, bool allowed)
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 20, 12, 0);
        var perDay = ListedChemicalLimit.BaseGrams(Pseudoephedrine(30m, 146), 1);
        var prior = new[] { Pse(at.AddDays(-10), perDay), Pse(at.AddDays(-5), perDay) };
        var check = ListedChemicalLimit.Check(Pseudoephedrine(30m, tablets - 2 * 146), 1, at, branch, prior);
        Assert.Equal(allowed, check.Decision.IsAllowed);
    }

    [Theory]
    [InlineData("0.599", true)]
    [InlineData("0.600", true)]   // exactly 9 g
    [InlineData("0.601", false)]
    public void Thirty_day_limit_allows_exactly_9_g(string saleGrams, bool allowed)
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 20, 12, 0);
        var prior = new[] { Pse(at.AddDays(-20), 3.0m), Pse(at.AddDays(-10), 3.0m), Pse(at.AddDays(-1), 2.4m) };
        var check = ListedChemicalLimit.Check(ListedChemical.Pseudoephedrine,
            decimal.Parse(saleGrams, System.Globalization.CultureInfo.InvariantCulture), at, branch, prior);
        Assert.Equal(allowed, check.Decision.IsAllowed);
        if (!allowed)
            Assert.StartsWith("This sale would bring the purchaser to 9.001 g of pseudoephedrine in 30 days (February 20, 2028 to March 20, 2028); the limit is 9 g.",
                check.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Purchases_a_minute_before_and_after_local_midnight_fall_on_different_days()
    {
        var branch = Chicago();
        var clock = new FakeTimeProvider(Local(branch, 2028, 3, 1, 23, 59));
        var lateEvening = Pse(clock.GetUtcNow(), 3.6m);
        clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 on 2 March in Chicago

        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, clock.GetUtcNow(), branch, [lateEvening]);

        Assert.True(check.Decision.IsAllowed);
        Assert.Equal(new DateOnly(2028, 3, 2), check.Day);
        Assert.Equal(0m, check.PriorGramsToday);
        Assert.Equal(3.6m, check.PriorGramsInWindow);
    }

    [Fact]
    public void The_day_is_the_branch_local_date_not_the_UTC_date()
    {
        var branch = Chicago();
        // 17:00 and 23:30 in Chicago on 1 March: 23:00Z on 1 March and 05:30Z on 2 March, one local day.
        var evening = Local(branch, 2028, 3, 1, 17, 0);   // 23:00Z on 1 March
        var night = Local(branch, 2028, 3, 1, 23, 30);    // 05:30Z on 2 March
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, night, branch, [Pse(evening, 3.2m)]);
        Assert.True(check.Decision.IsRefused);
        Assert.Equal(new DateOnly(2028, 3, 1), check.Day);
    }

    [Fact]
    public void A_purchase_minutes_ago_in_an_eastern_branch_counts_although_it_was_already_tomorrow_there()
    {
        var chicago = Chicago();
        var newYork = NewYork();
        var boughtInNewYork = Local(newYork, 2028, 3, 2, 0, 30); // 23:30 on 1 March in Chicago
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, Local(chicago, 2028, 3, 1, 23, 45), chicago,
            [Pse(boughtInNewYork, 3.2m, newYork.TimeZoneId)]);
        Assert.True(check.Decision.IsRefused);
    }

    [Fact]
    public void A_purchase_counts_on_the_day_it_was_made_where_it_was_made()
    {
        var chicago = Chicago();
        var newYork = NewYork();
        var boughtInNewYork = Local(newYork, 2028, 3, 2, 0, 30); // 2 March in New York, still 1 March in Chicago
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, Local(chicago, 2028, 3, 2, 10, 0), chicago,
            [Pse(boughtInNewYork, 3.2m, newYork.TimeZoneId)]);
        Assert.True(check.Decision.IsRefused);
    }

    [Fact]
    public void A_purchase_late_in_a_western_branch_counts_on_the_selling_branch_day_as_well()
    {
        var chicago = Chicago();
        var losAngeles = LosAngeles();
        var boughtInLosAngeles = Local(losAngeles, 2028, 3, 1, 23, 30); // 01:30 on 2 March in Chicago
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, Local(chicago, 2028, 3, 2, 9, 0), chicago,
            [Pse(boughtInLosAngeles, 3.2m, losAngeles.TimeZoneId)]);
        Assert.True(check.Decision.IsRefused);
    }

    [Fact]
    public void On_the_day_clocks_fall_back_all_25_hours_are_one_day()
    {
        var branch = Chicago();
        // 5 November 2028, first Sunday of November: at 02:00 CDT the clocks go back to 01:00 CST.
        var justAfterMidnight = Local(branch, 2028, 11, 5, 0, 5);
        var lateThatNight = Local(branch, 2028, 11, 5, 23, 55);
        Assert.Equal(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(50), lateThatNight - justAfterMidnight);

        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, lateThatNight, branch, [Pse(justAfterMidnight, 3.2m)]);

        Assert.True(check.Decision.IsRefused);
    }

    [Fact]
    public void On_the_day_clocks_spring_forward_midnight_still_separates_the_days()
    {
        var branch = Chicago();
        // 12 March 2028: 02:00 CST jumps to 03:00 CDT.
        var saturdayNight = Local(branch, 2028, 3, 11, 23, 50);
        var sundayMorning = Local(branch, 2028, 3, 12, 3, 10);
        Assert.Equal(TimeSpan.FromMinutes(140), sundayMorning - saturdayNight);

        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, sundayMorning, branch, [Pse(saturdayNight, 3.6m)]);

        Assert.True(check.Decision.IsAllowed);
        Assert.Equal(new DateOnly(2028, 3, 12), check.Day);
    }

    [Theory]
    [InlineData(2028, 3, 29, 2028, 2, 29, true)]   // leap year: the window is 29 February to 29 March
    [InlineData(2028, 3, 29, 2028, 2, 28, false)]
    [InlineData(2027, 3, 1, 2027, 1, 31, true)]    // common year: 1 March and the 29 days before reach back to 31 January
    [InlineData(2027, 3, 1, 2027, 1, 30, false)]
    [InlineData(2028, 1, 29, 2027, 12, 31, true)]  // across the new year
    [InlineData(2028, 1, 29, 2027, 12, 30, false)]
    public void The_30_days_are_the_sale_day_and_the_29_calendar_days_before_it(
        int year, int month, int day, int priorYear, int priorMonth, int priorDay, bool counts)
    {
        var branch = Chicago();
        var prior = Pse(Local(branch, priorYear, priorMonth, priorDay, 23, 59), 8.5m);
        var check = ListedChemicalLimit.Check(Pseudoephedrine24(), 1, Local(branch, year, month, day, 0, 1), branch, [prior]);
        Assert.Equal(counts, check.Decision.IsRefused);
        Assert.Equal(new DateOnly(year, month, day).AddDays(-29), check.WindowStart);
    }

    [Fact]
    public void A_branch_with_a_stricter_state_limit_refuses_below_the_federal_one()
    {
        var branch = Chicago();
        branch.Policy.SetListedChemicalLimits(2.4m, 7.2m);
        var at = Local(branch, 2028, 3, 1, 12, 0);

        var fourBoxes = ListedChemicalLimit.Check(Pseudoephedrine24(), 4, at, branch, []);
        var fiveBoxes = ListedChemicalLimit.Check(Pseudoephedrine24(), 5, at, branch, []);

        Assert.True(fourBoxes.Decision.IsAllowed);
        Assert.True(fiveBoxes.Decision.IsRefused);
        Assert.StartsWith("This sale would bring the purchaser to 2.95 g of pseudoephedrine today; the limit is 2.4 g.", fiveBoxes.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stricter_state_thirty_day_limit_applies()
    {
        var branch = Chicago();
        branch.Policy.SetListedChemicalLimits(3.6m, 7.5m);
        var at = Local(branch, 2028, 3, 20, 12, 0);
        var check = ListedChemicalLimit.Check(ListedChemical.Pseudoephedrine, 0.6m, at, branch,
            [Pse(at.AddDays(-12), 3.5m), Pse(at.AddDays(-3), 3.5m)]);
        Assert.True(check.Decision.IsRefused);
        Assert.Contains("the limit is 7.5 g", check.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0.5m, check.GramsStillAllowed);
    }

    [Fact]
    public void Ephedrine_and_pseudoephedrine_are_counted_separately()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var ephedrine = new ListedChemicalPurchase(ListedChemical.Ephedrine, at.AddHours(-1), 3.5m, ChicagoZone);
        Assert.True(ListedChemicalLimit.Check(Pseudoephedrine24(), 1, at, branch, [ephedrine]).Decision.IsAllowed);
        Assert.True(ListedChemicalLimit.Check(ListedChemical.Ephedrine, 0.2m, at, branch, [ephedrine]).Decision.IsRefused);
    }

    [Fact]
    public void A_product_without_a_listed_chemical_is_not_checked() =>
        Assert.Throws<PharmacyPos.Domain.Shared.DomainException>(() =>
            ListedChemicalLimit.Check(Nicotine18(), 1, DateTimeOffset.UnixEpoch, Chicago(), []));

    [Fact]
    public void A_prior_purchase_in_an_unknown_time_zone_is_reported()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var ex = Assert.Throws<PharmacyPos.Domain.Shared.DomainException>(() =>
            ListedChemicalLimit.Check(Pseudoephedrine24(), 1, at, branch, [Pse(at, 1m, "Mars/Olympus")]));
        Assert.Contains("Mars/Olympus", ex.Message, StringComparison.Ordinal);
    }
}
