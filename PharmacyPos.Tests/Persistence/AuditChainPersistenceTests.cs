using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

/// <summary>The hash chain as the app keeps it in each database: chained in the background, checked, and tampered with.</summary>
public class AuditChainPersistenceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Records_written_through_the_trail_are_chained_into_an_intact_chain(DatabaseProvider provider)
    {
        await using var host = await AuditTrailHost.CreateAsync(provider);
        await host.AppendAsync(30);

        Assert.Equal(30, await host.ChainAllAsync());
        Assert.Equal(0, await host.ChainAllAsync());

        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(30, result.VerifiedCount);
        Assert.Equal(0, result.PendingCount);
        await using var db = host.Database.CreateDbContext();
        var last = await db.Set<AuditChainLink>().OrderByDescending(l => l.Sequence).FirstAsync();
        Assert.Equal(result.LastVerifiedSequence, last.Sequence);
        Assert.Equal(result.LastVerifiedHash, last.Hash);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Many_registers_appending_at_once_make_one_unbroken_chain(DatabaseProvider provider)
    {
        const int writers = 8, each = 200;
        await using var host = await AuditTrailHost.CreateAsync(provider,
            new Dictionary<string, string?> { ["Audit:Chainer:BatchSize"] = "150" });
        using var stop = new CancellationTokenSource();
        // The chainer runs while the registers write, as in the app.
        var chaining = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await host.Chainer.ChainOnceAsync();
                await Task.Delay(50);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
                await host.Trail.RecordAsync(AuditTrailHost.Pharmacist, AuditTrailHost.Entry(i, $"register {w}"));
        })));
        await stop.CancelAsync();
        await chaining;
        await host.ChainAllAsync();

        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(writers * each, result.VerifiedCount);
        Assert.Equal(0, result.PendingCount);
        await using var db = host.Database.CreateDbContext();
        Assert.Equal(writers * each, await db.Set<AuditEvent>().CountAsync());
        Assert.Equal(writers * each, await db.Set<AuditChainLink>().CountAsync());
    }

    [Fact]
    public async Task Only_one_of_two_instances_chains_at_a_time_on_PostgreSQL()
    {
        await using var first = await AuditTrailHost.CreateAsync(DatabaseProvider.PostgreSql);
        // A second instance: its own services on the same database.
        await using var secondServices = new ServiceCollection().AddLogging().AddPersistence(first.Database.Settings).AddAuditTrail().BuildServiceProvider();
        var second = secondServices.GetRequiredService<AuditChainer>();
        await first.AppendAsync(400);

        var both = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? first.Chainer : second).ChainOnceAsync()));

        Assert.Equal(400, both.Sum() + await first.ChainAllAsync());
        var result = await first.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(400, result.VerifiedCount);
    }

    [Fact]
    public async Task PostgreSQL_refuses_to_update_delete_or_truncate_the_trail()
    {
        await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.PostgreSql);
        await host.AppendAsync(3);
        await host.ChainAllAsync();
        await using var db = host.Database.CreateDbContext();

        foreach (var sql in new[]
        {
            "UPDATE audit_events SET reason = 'nothing happened' WHERE sequence = 1",
            "DELETE FROM audit_events WHERE sequence = 2",
            "TRUNCATE audit_events CASCADE",
            "UPDATE audit_chain_links SET hash = previous_hash WHERE sequence = 1",
            "DELETE FROM audit_chain_links WHERE sequence = 3",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(3, result.VerifiedCount);
    }

    [Fact]
    public async Task SQLite_refuses_to_update_or_delete_the_trail()
    {
        await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.Sqlite);
        await host.AppendAsync(2);
        await host.ChainAllAsync();
        await using var db = host.Database.CreateDbContext();

        var update = await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET reason = 'x' WHERE sequence = 1"));
        var delete = await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_chain_links WHERE sequence = 2"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string> ProvidersAndTampering()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
            foreach (var kind in new[] { "edit", "delete", "insert", "swap" })
                data.Add(provider, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndTampering))]
    public async Task Tampering_in_the_database_is_reported_at_the_record_where_it_happened(DatabaseProvider provider, string tampering)
    {
        await using var host = await AuditTrailHost.CreateAsync(provider);
        await host.AppendAsync(8);
        // A gap after record 8, as a rolled-back sale leaves: room for a forged record inside the chain.
        await using (var db = host.Database.CreateDbContext())
        {
            var gapEnd = AuditEvent.Restore(20, Guid.CreateVersion7(), DateTimeOffset.UtcNow.AddSeconds(-10), null, "someone", "Cashier",
                AuditTrailHost.Branch, "R2", AuditEventTypes.SignIn, "StaffUser", null, null, null, null, null, null, null, null, null);
            db.Add(gapEnd);
            await db.SaveChangesAsync();
            if (provider == DatabaseProvider.PostgreSql)
                await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('audit_events', 'sequence'), 20)");
        }
        await host.AppendAsync(4);
        await host.ChainAllAsync();
        Assert.True((await host.VerifyAsync()).IsIntact);

        var (sequence, kind) = tampering switch
        {
            "edit" => (5L, AuditBreakKind.Edited),
            "delete" => (5L, AuditBreakKind.Deleted),
            "insert" => (12L, AuditBreakKind.Inserted),
            "swap" => (3L, AuditBreakKind.Reordered),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };
        switch (tampering)
        {
            case "edit":
                await host.TamperSqlAsync("UPDATE audit_events SET reason = 'price was right' WHERE sequence = 5");
                break;
            case "delete":
                await host.TamperSqlAsync("DELETE FROM audit_events WHERE sequence = 5");
                break;
            case "insert":
                await host.TamperAsync(async db =>
                {
                    db.Add(AuditEvent.Restore(12, Guid.CreateVersion7(), DateTimeOffset.UtcNow, null, "nobody", "Manager",
                        AuditTrailHost.Branch, "R1", AuditEventTypes.RefundIssued, "Sale", "S-99", null, null, "forged", null, null, null, null, null));
                    await db.SaveChangesAsync();
                });
                break;
            case "swap":
                await host.TamperAsync(async db =>
                {
                    var three = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(e => e.Sequence == 3);
                    var four = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(e => e.Sequence == 4);
                    await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE sequence IN (3, 4)");
                    db.AddRange(At(3, four), At(4, three));
                    await db.SaveChangesAsync();
                });
                break;
        }

        var result = await host.VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(sequence, result.BrokenAtSequence);
        Assert.Equal(kind, result.Kind);
        Assert.Contains($"record {sequence}", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_records_tampered_apart_are_both_listed_by_the_verifier(DatabaseProvider provider)
    {
        await using var host = await AuditTrailHost.CreateAsync(provider);
        await host.AppendAsync(12);
        await host.ChainAllAsync();

        await host.TamperSqlAsync("UPDATE audit_events SET reason = 'price was right' WHERE sequence = 4");
        await host.TamperSqlAsync("DELETE FROM audit_events WHERE sequence = 9");

        var result = await host.VerifyAsync();
        Assert.Equal([(4L, AuditBreakKind.Edited), (9L, AuditBreakKind.Deleted)], result.Breaks.Select(b => (b.Sequence, b.Kind)));
        Assert.Equal(2, result.BreakCount);
        Assert.Equal(3, result.VerifiedCount);
    }

    private static AuditEvent At(long sequence, AuditEvent e) => AuditEvent.Restore(sequence, e.Id, e.OccurredAt, e.UserId, e.UserName, e.Role,
        e.BranchId, e.Register, e.EventType, e.EntityType, e.EntityId, e.Before, e.After, e.Reason, e.ApprovedByUserId, e.ApprovedByName,
        e.PatientId, e.ProductId, e.DeaSchedule);
}
