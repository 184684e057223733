using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;
using static PharmacyPos.Tests.Domain.Prescriptions.Rx;

namespace PharmacyPos.Tests.Domain.Prescriptions;

public class PrescriptionTests
{
    private static readonly DateOnly March1 = new(2028, 3, 1);

    [Fact]
    public void Schedule_II_prescriptions_cannot_have_refills()
    {
        var ex = Assert.Throws<DomainException>(() => Written(DeaSchedule.II, refills: 1, March1));
        Assert.Contains("Schedule II prescriptions cannot be refilled", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Written(DeaSchedule.II, refills: 0, March1).RefillsAuthorized);
    }

    [Theory]
    [InlineData(DeaSchedule.III, 5, true)]
    [InlineData(DeaSchedule.III, 6, false)]
    [InlineData(DeaSchedule.IV, 5, true)]
    [InlineData(DeaSchedule.IV, 6, false)]
    [InlineData(DeaSchedule.V, 11, true)]
    [InlineData(DeaSchedule.None, 11, true)]
    [InlineData(DeaSchedule.None, 100, false)]
    public void Refills_follow_21_CFR_1306_22(DeaSchedule schedule, int refills, bool accepted)
    {
        if (accepted)
            Assert.Equal(refills, Written(schedule, refills, March1).RefillsAuthorized);
        else
            Assert.Throws<DomainException>(() => Written(schedule, refills, March1));
    }

    [Fact]
    public void A_controlled_prescription_needs_the_prescriber_DEA_number()
    {
        var noDea = new Prescriber("Ann", "Smith", Npi.Parse("1234567893"), null);
        var ex = Assert.Throws<DomainException>(() => new Prescription(Patient, noDea, Drug, DeaSchedule.IV, 30m, 30, 0, March1, March1));
        Assert.Contains("C-IV", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DeaSchedule.None, new Prescription(Patient, noDea, Drug, DeaSchedule.None, 30m, 30, 0, March1, March1).Schedule);
    }

    [Fact]
    public void Keeps_the_DEA_number_and_shows_the_schedule()
    {
        var rx = Written(DeaSchedule.II, 0, March1);
        Assert.Equal("FS1234563", rx.PrescriberDea?.Value);
        Assert.Equal("C-II", rx.ScheduleLabel);
    }

    [Fact]
    public void A_prescription_cannot_be_written_in_the_future() =>
        Assert.Contains("future", Assert.Throws<DomainException>(() => Written(DeaSchedule.None, 0, March1.AddDays(1), today: March1)).Message, StringComparison.Ordinal);

    [Fact]
    public void Fills_are_numbered_from_zero_and_stop_when_refills_run_out()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.IV, refills: 2, March1);

        for (var n = 0; n <= 2; n++)
        {
            var fill = Start(rx, branch, at.AddDays(30 * n));
            Assert.Equal(n, fill.FillNumber);
            Verified(fill, at.AddDays(30 * n).AddHours(1)).MarkPickedUp(Guid.CreateVersion7(), at.AddDays(30 * n).AddHours(2));
        }

        Assert.Equal(0, rx.RefillsRemaining);
        var ex = Assert.Throws<DomainException>(() => Start(rx, branch, at.AddDays(90)));
        Assert.Equal("All 2 refills of this prescription have been used; the patient needs a new prescription.", ex.Message);
    }

    [Fact]
    public void A_fill_returned_to_stock_gives_its_refill_back()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.None, refills: 0, March1);
        Start(rx, branch, at).ReturnToStock(at.AddDays(10));

        var again = Start(rx, branch, at.AddDays(11));

        Assert.Equal(0, again.FillNumber);
        Assert.Equal(1, rx.FillsUsed);
    }

    [Fact]
    public void Only_one_fill_at_a_time()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.None, refills: 3, March1);
        Start(rx, branch, at);
        Assert.Contains("not finished", Assert.Throws<DomainException>(() => Start(rx, branch, at.AddHours(1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fill_is_never_more_than_the_prescribed_quantity()
    {
        var branch = Chicago();
        var rx = Written(DeaSchedule.None, refills: 0, March1);
        Assert.Throws<DomainException>(() => rx.StartFill(branch, 31m, Money.Of(1m), Money.Zero, Local(branch, 2028, 3, 1, 10, 0)));
    }

    [Fact]
    public void The_copay_cannot_be_more_than_the_price()
    {
        var branch = Chicago();
        var rx = Written(DeaSchedule.None, refills: 0, March1);
        Assert.Throws<DomainException>(() => rx.StartFill(branch, 30m, Money.Of(5m), Money.Of(5.01m), Local(branch, 2028, 3, 1, 10, 0)));
        Assert.Empty(rx.Fills);
    }

    // 21 CFR 1306.22(a): no Schedule III-IV fill more than six months after the date written.
    // Written 31 August 2027, six calendar months end on 29 February 2028 (a leap day).
    [Theory]
    [InlineData(2028, 2, 29, 23, 59, true)]
    [InlineData(2028, 3, 1, 0, 1, false)]
    public void Schedule_III_and_IV_cannot_be_filled_more_than_six_months_after_writing(int y, int m, int d, int hour, int minute, bool allowed)
    {
        var branch = Chicago();
        var written = new DateOnly(2027, 8, 31);
        var rx = Written(DeaSchedule.III, refills: 5, written, today: written);
        Assert.Equal(new DateOnly(2028, 2, 29), rx.LastFillDate);
        var at = Local(branch, y, m, d, hour, minute);

        if (allowed)
            Assert.Equal(0, Start(rx, branch, at).FillNumber);
        else
            Assert.Equal(
                "This C-III prescription was written on August 31, 2027 and cannot be filled after February 29, 2028; the patient needs a new prescription.",
                Assert.Throws<DomainException>(() => Start(rx, branch, at)).Message);
    }

    [Fact]
    public void Six_months_from_the_end_of_August_end_on_28_February_in_a_common_year() =>
        Assert.Equal(new DateOnly(2027, 2, 28), Written(DeaSchedule.IV, 1, new DateOnly(2026, 8, 31)).LastFillDate);

    [Fact]
    public void Non_controlled_and_Schedule_V_prescriptions_have_no_federal_last_fill_date()
    {
        Assert.Null(Written(DeaSchedule.None, 1, March1).LastFillDate);
        Assert.Null(Written(DeaSchedule.V, 1, March1).LastFillDate);
        Assert.Null(Written(DeaSchedule.II, 0, March1).LastFillDate);
    }
}
