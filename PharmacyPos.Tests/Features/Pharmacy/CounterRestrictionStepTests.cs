using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>Age checks and Schedule V without prescription, as the sale commits, on both databases.</summary>
public class CounterRestrictionStepTests
{
    private static ComplianceApproval PharmacistApproves(PharmacyCounter counter, Guid approverId)
    {
        var pending = ScheduleVOtcLimit.Check(counter.CodeineSyrup, 1, PharmacyCounter.Now, counter.Main, PharmacyCounter.Purchaser(), null, []).Decision;
        return pending.ApproveBy(approverId, StaffRole.Pharmacist, PharmacyCounter.Now.AddMinutes(-1));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sells_schedule_V_once_a_pharmacist_approved_and_refuses_a_second_bottle_within_48_hours(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var evidence = new SaleEvidence { PurchaserId = PharmacyCounter.Purchaser(), Approvals = [PharmacistApproves(counter, counter.PharmacistId)] };

        await counter.CommitAsync(counter.Sale(counter.Main, (counter.CodeineSyrup, 1)), counter.Main, evidence);
        var afterFirst = await counter.CountsAsync();
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            counter.CommitAsync(counter.Sale(counter.Main, (counter.CodeineSyrup, 1)), counter.Main, evidence, PharmacyCounter.Now.AddHours(47)));

        Assert.StartsWith("The purchaser has bought 118 mL of non-opium liquid C-V medicine in the last 48 hours; with this sale it would be 236 mL and the limit is 120 mL.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(afterFirst, await counter.CountsAsync());
        await using var db = counter.Database.CreateDbContext();
        var record = await db.Set<ControlledSaleRecord>().SingleAsync();
        Assert.Equal(counter.PharmacistId, record.PharmacistId);
        Assert.Equal("D1234567", record.Purchaser!.Number);
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.ControlledSubstanceSold);
        Assert.Equal(counter.PharmacistId, audit.ApprovedByUserId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_schedule_V_without_a_pharmacists_approval(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var before = await counter.CountsAsync();

        var unapproved = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.CodeineSyrup, 1)), counter.Main, new SaleEvidence { PurchaserId = PharmacyCounter.Purchaser() }));
        // An approval claimed by someone who is not a pharmacist does not count either.
        var notPharmacist = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.CodeineSyrup, 1)), counter.Main,
            new SaleEvidence { PurchaserId = PharmacyCounter.Purchaser(), Approvals = [PharmacistApproves(counter, counter.CashierId)] }));

        Assert.EndsWith("is sold without a prescription only by a pharmacist; call the pharmacist to approve it.", unapproved.Message, StringComparison.Ordinal);
        Assert.Equal("Only a pharmacist can approve this sale; call the pharmacist.", notPharmacist.Message);
        Assert.Equal(before, await counter.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_schedule_V_where_the_branch_does_not_sell_it_and_to_a_minor(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var before = await counter.CountsAsync();

        var branch = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.River, (counter.CodeineSyrup, 1)), counter.River,
            new SaleEvidence { PurchaserId = PharmacyCounter.Purchaser(), Approvals = [PharmacistApproves(counter, counter.PharmacistId)] }));
        var minor = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.CodeineSyrup, 1)), counter.Main,
            new SaleEvidence { PurchaserId = PharmacyCounter.Purchaser(dateOfBirth: new DateOnly(2009, 1, 1)), Approvals = [PharmacistApproves(counter, counter.PharmacistId)] }));

        Assert.Equal("This branch does not sell C-V medicines without a prescription.", branch.Message);
        Assert.Equal("The purchaser is 17; C-V medicines are sold without a prescription only to people 18 or older.", minor.Message);
        Assert.Equal(before, await counter.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sells_an_age_restricted_item_only_after_an_id_check_today_that_passed(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var before = await counter.CountsAsync();
        var young = AgeCheck.Perform(counter.Nicotine, new DateOnly(2006, 1, 1), PharmacyCounter.Now, counter.Main, counter.CashierId);
        var adult = AgeCheck.Perform(counter.Nicotine, new DateOnly(1990, 1, 1), PharmacyCounter.Now, counter.Main, counter.CashierId);
        var yesterday = AgeCheck.Perform(counter.Nicotine, new DateOnly(1990, 1, 1), PharmacyCounter.Now.AddDays(-1), counter.Main, counter.CashierId);

        var unchecked_ = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.Nicotine, 1)), counter.Main, new SaleEvidence { AgeChecks = [yesterday] }));
        var failed = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.Nicotine, 1)), counter.Main, new SaleEvidence { AgeChecks = [young] }));
        Assert.Equal("Nicotine gum 4 mg is sold only to people 21 or older; check the purchaser's ID.", unchecked_.Message);
        Assert.StartsWith("The purchaser is 20; this item is sold only to people 21 or older", failed.Message, StringComparison.Ordinal);
        Assert.Equal(before, await counter.CountsAsync());

        await counter.CommitAsync(counter.Sale(counter.Main, (counter.Nicotine, 1)), counter.Main, new SaleEvidence { AgeChecks = [young, adult] });
        await using var db = counter.Database.CreateDbContext();
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.AgeVerified);
        Assert.Contains("\"age\":36", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sells_an_age_restricted_item_without_a_check_where_the_branch_switched_checks_off(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        counter.River.Policy.SetAgeChecks(false);

        await counter.CommitAsync(counter.Sale(counter.River, (counter.Nicotine, 1)), counter.River, new SaleEvidence());

        Assert.Equal(1, (await counter.CountsAsync()).Sales);
    }
}
