using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;
using static PharmacyPos.Tests.Domain.Prescriptions.Rx;

namespace PharmacyPos.Tests.Domain.Compliance;

public class ControlledSaleRecordTests
{
    [Fact]
    public void Records_a_controlled_prescription_with_the_prescriber_DEA_number_and_schedule()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.II, 0, new DateOnly(2028, 3, 1));
        var fill = Verified(Start(rx, branch, at), at.AddMinutes(30));
        var sale = Guid.CreateVersion7();

        var record = ControlledSaleRecord.ForPrescription(rx, fill, branch.Id, sale, at.AddHours(2));

        Assert.Equal("C-II", record.ScheduleLabel);
        Assert.Equal(DeaNumber.Parse("FS1234563"), record.PrescriberDea);
        Assert.Equal(Patient, record.PatientId);
        Assert.Equal(30m, record.Quantity);
        Assert.Equal(Pharmacist, record.PharmacistId);
        Assert.True(record.OnPrescription);
        Assert.Null(record.ToScheduleVOtcPurchase());
    }

    [Fact]
    public void An_unverified_controlled_fill_is_not_recorded_as_sold()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.II, 0, new DateOnly(2028, 3, 1));
        var fill = Start(rx, branch, at);
        Assert.Equal(Fill.NotVerifiedMessage,
            Assert.Throws<DomainException>(() => ControlledSaleRecord.ForPrescription(rx, fill, branch.Id, Guid.CreateVersion7(), at)).Message);
    }

    [Fact]
    public void Records_a_Schedule_V_sale_without_prescription_for_the_48_hour_count()
    {
        var at = new DateTimeOffset(2028, 3, 1, 16, 0, 0, TimeSpan.Zero);
        var purchaser = PhotoId.Create(PhotoIdType.StateId, "S99", "IL", new DateOnly(1980, 1, 1), "Sam Reed", "4 Oak St", null, new DateOnly(2028, 3, 1));
        var record = ControlledSaleRecord.ForScheduleVOtc(CoughSyrupScheduleV(), 1, purchaser, Pharmacist, Guid.CreateVersion7(), Guid.CreateVersion7(), at);

        Assert.Equal("C-V", record.ScheduleLabel);
        Assert.Same(purchaser, record.Purchaser);
        Assert.Equal(new ScheduleVOtcPurchase(at, new ScheduleVAmount(ScheduleVMeasure.Milliliters, ContainsOpium: false, 118m)), record.ToScheduleVOtcPurchase());
        Assert.Equal(118m, record.MeasuredQuantity);
    }

    [Fact]
    public void A_Schedule_V_sale_without_prescription_names_the_pharmacist()
    {
        var purchaser = PhotoId.Create(PhotoIdType.StateId, "S99", "IL", new DateOnly(1980, 1, 1), "Sam Reed", "4 Oak St", null, new DateOnly(2028, 3, 1));
        Assert.Throws<DomainException>(() => ControlledSaleRecord.ForScheduleVOtc(CoughSyrupScheduleV(), 1, purchaser, Guid.Empty,
            Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UnixEpoch));
    }
}
