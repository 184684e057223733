using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Tests.Persistence;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.Features.Pharmacy;

public class DemoPrescriptionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_patients_have_fills_in_every_state_a_pharmacist_sees_and_seeding_again_adds_none(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));
        await using var services = DemoDataTests.SeederServices(database, time);
        await services.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
        await DemoPrescriptions.SeedAsync(database.Factory, time, CancellationToken.None);

        await using var db = database.CreateDbContext();
        var prescriptions = await db.Set<Prescription>().AsNoTracking().ToListAsync();
        var fills = prescriptions.SelectMany(p => p.Fills).ToList();
        Assert.Equal(13, fills.Count);
        foreach (var status in new[] { FillStatus.InProgress, FillStatus.AwaitingVerification, FillStatus.ReadyForPickup, FillStatus.ReturnedToStock })
            Assert.Contains(fills, f => f.Status == status);
        Assert.All(fills.Where(f => f.Status == FillStatus.ReadyForPickup), f => Assert.NotNull(f.BinLocation));
        Assert.Contains(prescriptions, p => p.Schedule == DeaSchedule.II && p.Fills.Single().Status == FillStatus.AwaitingVerification);
        Assert.All(prescriptions.Where(p => p.Schedule.IsControlled()), p => Assert.NotNull(p.PrescriberDea));
        Assert.Equal(4, await db.Set<Prescriber>().CountAsync());
    }
}
