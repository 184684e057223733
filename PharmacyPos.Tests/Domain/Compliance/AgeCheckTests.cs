using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;

namespace PharmacyPos.Tests.Domain.Compliance;

public class AgeCheckTests
{
    private static readonly Guid Cashier = Guid.CreateVersion7();

    // Born on a leap day: 18 on 1 March 2030, a common year; not on 28 February.
    [Theory]
    [InlineData(2030, 2, 28, 17, false)]
    [InlineData(2030, 3, 1, 18, true)]
    [InlineData(2032, 2, 29, 20, true)]
    public void A_leap_day_birthday_comes_of_age_on_1_March_in_common_years(int y, int m, int d, int age, bool passed)
    {
        var branch = Chicago();
        var check = AgeCheck.Perform(Nicotine18(), new DateOnly(2012, 2, 29), Local(branch, y, m, d, 12, 0), branch, Cashier);
        Assert.Equal(age, check.Age);
        Assert.Equal(passed, check.Passed);
    }

    [Fact]
    public void The_refusal_says_when_the_purchaser_comes_of_age()
    {
        var branch = Chicago();
        var check = AgeCheck.Perform(Nicotine18(), new DateOnly(2012, 2, 29), Local(branch, 2030, 2, 28, 12, 0), branch, Cashier);
        Assert.Equal("The purchaser is 17; this item is sold only to people 18 or older (they turn 18 on March 1, 2030). Do not sell it.",
            check.Decision.Reason);
    }

    [Fact]
    public void A_birthday_begins_at_midnight_in_the_branch_time_zone()
    {
        var branch = Chicago();
        var born = new DateOnly(2010, 6, 15);
        // 23:59 on 14 June in Chicago is already 15 June in UTC.
        var clock = new FakeTimeProvider(Local(branch, 2028, 6, 14, 23, 59));
        Assert.Equal(15, clock.GetUtcNow().Day);

        var before = AgeCheck.Perform(Nicotine18(), born, clock.GetUtcNow(), branch, Cashier);
        clock.Advance(TimeSpan.FromMinutes(2));
        var after = AgeCheck.Perform(Nicotine18(), born, clock.GetUtcNow(), branch, Cashier);

        Assert.False(before.Passed);
        Assert.Equal(new DateOnly(2028, 6, 14), before.LocalDate);
        Assert.True(after.Passed);
        Assert.Equal(18, after.Age);
    }

    [Fact]
    public void Records_who_checked_when_and_what_the_ID_said()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 9, 30);
        var check = AgeCheck.Perform(Nicotine18(), new DateOnly(1990, 1, 1), at, branch, Cashier);
        Assert.Equal(Cashier, check.CheckedBy);
        Assert.Equal(at, check.At);
        Assert.Equal(new DateOnly(1990, 1, 1), check.DateOfBirth);
        Assert.Equal(38, check.Age);
        Assert.Equal(18, check.MinimumAge);
        Assert.True(check.Decision.IsAllowed);
    }

    [Fact]
    public void Refuses_a_date_of_birth_in_the_future()
    {
        var branch = Chicago();
        var ex = Assert.Throws<DomainException>(() =>
            AgeCheck.Perform(Nicotine18(), new DateOnly(2028, 3, 2), Local(branch, 2028, 3, 1, 23, 0), branch, Cashier));
        Assert.Equal("The date of birth is in the future; check the ID.", ex.Message);
    }

    [Fact]
    public void A_branch_can_switch_age_checks_off_and_the_decision_says_so()
    {
        var branch = Chicago();
        Assert.True(AgeCheck.IsRequired(Nicotine18(), branch));
        Assert.True(AgeCheck.Requirement(Nicotine18(), branch).IsRefused);

        branch.Policy.SetAgeChecks(false);

        Assert.False(AgeCheck.IsRequired(Nicotine18(), branch));
        var decision = AgeCheck.Requirement(Nicotine18(), branch);
        Assert.True(decision.IsAllowed);
        Assert.Equal("Age checks are switched off at this branch.", decision.Reason);
    }

    [Fact]
    public void Items_without_an_age_limit_need_no_check()
    {
        var branch = Chicago();
        Assert.False(AgeCheck.IsRequired(Pseudoephedrine24(), branch));
        Assert.True(AgeCheck.Requirement(Pseudoephedrine24(), branch).IsAllowed);
    }

    [Theory]
    [InlineData(2012, 2, 29, 18, 2030, 3, 1)]
    [InlineData(2012, 2, 29, 16, 2028, 2, 29)]
    [InlineData(2010, 12, 31, 21, 2031, 12, 31)]
    public void Age_is_reached_on_the_birthday_or_1_March_for_leap_day_births(int by, int bm, int bd, int years, int y, int m, int d)
    {
        var reached = Age.ReachedOn(new DateOnly(by, bm, bd), years);
        Assert.Equal(new DateOnly(y, m, d), reached);
        Assert.Equal(years, Age.OnDate(new DateOnly(by, bm, bd), reached));
        Assert.Equal(years - 1, Age.OnDate(new DateOnly(by, bm, bd), reached.AddDays(-1)));
    }

    [Fact]
    public void Age_at_an_instant_uses_the_local_date()
    {
        var branch = Chicago();
        Assert.Equal(17, Age.At(new DateOnly(2010, 6, 15), Local(branch, 2028, 6, 14, 23, 59), branch.TimeZone));
    }
}
