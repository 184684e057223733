using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>Prescription pickup and the controlled-substance record, as the sale commits, on both databases.</summary>
public class PrescriptionPickupStepTests
{
    private static SaleEvidence Pickup(PharmacyCounter counter, Fill fill, CounselingAnswer? answer = CounselingAnswer.Declined, PatientSignature? signature = null)
    {
        var evidence = new SaleEvidence { PatientId = counter.Patient.Id, Signature = signature ?? PharmacyCounter.Signature(), FillIds = [fill.Id] };
        if (answer is { } a)
            evidence.Counseling.Add(new CounselingOffer(fill, counter.CashierId, PharmacyCounter.Now.AddMinutes(-1), a));
        return evidence;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hands_over_a_verified_fill_with_the_counseling_answer_and_the_signature(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.Main, counter.Amoxicillin, DeaSchedule.None, FillStatus.ReadyForPickup);
        var sale = counter.Sale(counter.Main, (counter.Amoxicillin, 1));

        await counter.CommitAsync(sale, counter.Main, Pickup(counter, fill));

        var picked = await counter.ReloadAsync(fill);
        Assert.Equal(FillStatus.PickedUp, picked.Status);
        Assert.Equal(sale.Id, picked.SaleId);
        Assert.Null(picked.BinLocation);
        var counts = await counter.CountsAsync();
        Assert.Equal((1, 0, 0, 1, 1), (counts.Sales, counts.Logbook, counts.Controlled, counts.Signatures, counts.Counseling));
        await using var db = counter.Database.CreateDbContext();
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.PrescriptionPickedUp);
        Assert.Equal(counter.Patient.Id, audit.PatientId);
        Assert.Contains("\"counseling\":\"Declined\"", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_schedule_II_pickup_writes_the_controlled_substance_record(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.Main, counter.Oxycodone, DeaSchedule.II, FillStatus.ReadyForPickup);

        await counter.CommitAsync(counter.Sale(counter.Main, (counter.Oxycodone, 1)), counter.Main, Pickup(counter, fill));

        await using var db = counter.Database.CreateDbContext();
        var record = await db.Set<ControlledSaleRecord>().SingleAsync();
        Assert.Equal(fill.Id, record.FillId);
        Assert.Equal("C-II", record.ScheduleLabel);
        Assert.Equal(counter.PharmacistId, record.PharmacistId);
        Assert.Equal("FS1234563", record.PrescriberDea?.Value);
        Assert.Equal(2, await db.Set<AuditEvent>().Where(e => e.DeaSchedule == 2).CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_a_fill_the_pharmacist_has_not_verified_and_changes_nothing(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.Main, counter.Oxycodone, DeaSchedule.II, FillStatus.AwaitingVerification);
        var before = await counter.CountsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            counter.CommitAsync(counter.Sale(counter.Main, (counter.Oxycodone, 1)), counter.Main, Pickup(counter, fill)));

        Assert.Equal(Fill.NotVerifiedMessage, refusal.Message);
        Assert.Equal(before, await counter.CountsAsync());
        Assert.Equal(FillStatus.AwaitingVerification, (await counter.ReloadAsync(fill)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_a_pickup_without_the_patients_signature(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.Main, counter.Amoxicillin, DeaSchedule.None, FillStatus.ReadyForPickup);
        var evidence = Pickup(counter, fill);
        evidence.Signature = null;
        var before = await counter.CountsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            counter.CommitAsync(counter.Sale(counter.Main, (counter.Amoxicillin, 1)), counter.Main, evidence));

        Assert.Equal("The patient must sign for the prescription before it is handed over.", refusal.Message);
        Assert.Equal(before, await counter.CountsAsync());
        Assert.Equal(FillStatus.ReadyForPickup, (await counter.ReloadAsync(fill)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Waits_for_the_pharmacist_when_the_patient_accepted_counseling(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.Main, counter.Amoxicillin, DeaSchedule.None, FillStatus.ReadyForPickup);
        var evidence = Pickup(counter, fill, CounselingAnswer.Accepted);
        var before = await counter.CountsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            counter.CommitAsync(counter.Sale(counter.Main, (counter.Amoxicillin, 1)), counter.Main, evidence));
        Assert.Equal("The patient wants to talk to the pharmacist; call the pharmacist.", refusal.Message);
        Assert.Equal(before, await counter.CountsAsync());

        evidence.Counseling[0].RecordCounseling(counter.PharmacistId, PharmacyCounter.Now);
        await counter.CommitAsync(counter.Sale(counter.Main, (counter.Amoxicillin, 1)), counter.Main, evidence);
        await using var db = counter.Database.CreateDbContext();
        Assert.Equal(counter.PharmacistId, (await db.Set<CounselingOffer>().SingleAsync()).CounseledBy);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_fill_rung_up_at_two_registers_at_once_is_handed_over_once(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.Main, counter.Oxycodone, DeaSchedule.II, FillStatus.ReadyForPickup);
        var sales = new[] { counter.Sale(counter.Main, (counter.Oxycodone, 1)), counter.Sale(counter.Main, (counter.Oxycodone, 1)) };
        using var start = new Barrier(sales.Length);

        var outcomes = await Task.WhenAll(sales.Select(sale => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                await counter.CommitAsync(sale, counter.Main, Pickup(counter, fill));
                return null;
            }
            catch (DomainException refused)
            {
                return refused.Message;
            }
        })));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o == "This prescription fill has already been picked up.");
        var winner = sales[Array.IndexOf(outcomes, null)];
        Assert.Equal(winner.Id, (await counter.ReloadAsync(fill)).SaleId);
        var counts = await counter.CountsAsync();
        Assert.Equal((1, 1, 1), (counts.Sales, counts.Controlled, counts.Counseling));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_a_fill_waiting_at_another_branch(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var fill = await counter.FillAsync(counter.River, counter.Amoxicillin, DeaSchedule.None, FillStatus.ReadyForPickup);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            counter.CommitAsync(counter.Sale(counter.Main, (counter.Amoxicillin, 1)), counter.Main, Pickup(counter, fill)));

        Assert.Equal("This prescription is waiting at another branch; it is picked up there.", refusal.Message);
        Assert.Equal(FillStatus.ReadyForPickup, (await counter.ReloadAsync(fill)).Status);
    }
}
