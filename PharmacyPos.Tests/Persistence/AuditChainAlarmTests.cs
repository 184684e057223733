using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

/// <summary>Records held back from the chain, or found outside it, raise the alarm once per gap.</summary>
public class AuditChainAlarmTests
{
    private static readonly Dictionary<string, string?> OneMinute = new() { ["Audit:Chainer:SettleWindow"] = "00:01:00" };

    [Fact]
    public async Task A_sale_holding_the_chain_past_the_settle_window_raises_the_alarm_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.PostgreSql, OneMinute, time);
        await host.AppendAsync(2);
        await host.ChainAllAsync();
        await using var sale = host.Database.CreateDbContext();
        await sale.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await sale.Database.BeginTransactionAsync();
            var held = host.Trail.Stage(sale, AuditTrailHost.Pharmacist, AuditTrailHost.Entry(0, "slow sale"));
            await sale.SaveChangesAsync();
            await host.AppendAsync(2);

            await host.ChainAllAsync();
            time.Advance(TimeSpan.FromSeconds(59));
            await host.ChainAllAsync();
            Assert.Equal(HealthStatus.Healthy, (await ChainHealthAsync(host)).Status);
            Assert.Empty(await AlarmsAsync(host));

            time.Advance(TimeSpan.FromSeconds(1));
            await host.ChainAllAsync();
            time.Advance(TimeSpan.FromMinutes(5));
            await host.ChainAllAsync();

            var health = await ChainHealthAsync(host);
            Assert.Equal(HealthStatus.Degraded, health.Status);
            Assert.Contains("held at record 3", health.Description, StringComparison.Ordinal);
            var alarm = Assert.Single(await AlarmsAsync(host));
            Assert.Equal(held.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), alarm.EntityId);
            Assert.Contains("Records from 4 have waited", alarm.Reason, StringComparison.Ordinal);
            Assert.Null(alarm.UserId);

            await transaction.CommitAsync();
        });

        await host.ChainAllAsync();
        Assert.Equal(HealthStatus.Healthy, (await ChainHealthAsync(host)).Status);
        Assert.Single(await AlarmsAsync(host));
        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(6, result.VerifiedCount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_record_found_below_the_chain_without_a_link_raises_the_alarm_once(DatabaseProvider provider)
    {
        await using var host = await AuditTrailHost.CreateAsync(provider, OneMinute);
        await host.AppendAsync(4);
        // A gap after record 4, as a rolled-back sale leaves it.
        await using (var db = host.Database.CreateDbContext())
        {
            db.Add(AuditEvent.Restore(10, Guid.CreateVersion7(), DateTimeOffset.UtcNow, null, "someone", "Cashier",
                AuditTrailHost.Branch, "R2", AuditEventTypes.SignIn, "StaffUser", null, null, null, null, null, null, null, null, null));
            await db.SaveChangesAsync();
            if (provider == DatabaseProvider.PostgreSql)
                await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('audit_events', 'sequence'), 10)");
        }
        await host.AppendAsync(2);
        await host.ChainAllAsync();
        Assert.Equal(HealthStatus.Healthy, (await ChainHealthAsync(host)).Status);

        await host.TamperAsync(async db =>
        {
            db.Add(AuditEvent.Restore(7, Guid.CreateVersion7(), DateTimeOffset.UtcNow, null, "nobody", "Manager",
                AuditTrailHost.Branch, "R1", AuditEventTypes.RefundIssued, "Sale", "S-99", null, null, "forged", null, null, null, null, null));
            await db.SaveChangesAsync();
        });
        await host.ChainAllAsync();
        await host.ChainAllAsync();

        var health = await ChainHealthAsync(host);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("outside the chain, first 7", health.Description, StringComparison.Ordinal);
        var alarm = Assert.Single(await AlarmsAsync(host));
        Assert.Equal("7", alarm.EntityId);
        Assert.Contains("Record 7 was committed below the chain's head", alarm.Reason, StringComparison.Ordinal);
        var result = await host.VerifyAsync();
        Assert.Equal([(7L, AuditBreakKind.Inserted)], result.Breaks.Select(b => (b.Sequence, b.Kind)));
    }

    private static async Task<HealthReportEntry> ChainHealthAsync(AuditTrailHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "audit-chain");
        return report.Entries["audit-chain"];
    }

    private static async Task<List<AuditEvent>> AlarmsAsync(AuditTrailHost host)
    {
        await using var db = host.Database.CreateDbContext();
        return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.EventType == AuditEventTypes.AuditChainGap).ToListAsync();
    }
}
