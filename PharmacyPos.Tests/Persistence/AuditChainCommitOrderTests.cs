using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

/// <summary>
/// A record numbered early and committed late (a sale waiting on a lock) is chained in its place:
/// never passed over and later reported as inserted.
/// </summary>
public class AuditChainCommitOrderTests
{
    [Fact]
    public async Task A_record_committed_after_later_records_is_still_chained_on_PostgreSQL()
    {
        await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.PostgreSql);
        await host.AppendAsync(2);
        Assert.Equal(2, await host.ChainAllAsync());
        // The first connection: a sale's transaction numbers its record, then waits before it commits.
        await using var sale = host.Database.CreateDbContext();
        await sale.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await sale.Database.BeginTransactionAsync();
            var late = host.Trail.Stage(sale, AuditTrailHost.Pharmacist, AuditTrailHost.Entry(0, "slow sale"));
            await sale.SaveChangesAsync();
            Assert.Equal(3, late.Sequence);

            // Other registers, on other connections, write and commit records after it.
            await host.AppendAsync(3);
            Assert.Equal(0, await host.ChainAllAsync());
            Assert.Equal(0, await host.ChainAllAsync());
            var meanwhile = await host.VerifyAsync();
            Assert.True(meanwhile.IsIntact, meanwhile.Message);
            Assert.Equal(2, meanwhile.LastVerifiedSequence);
            Assert.Equal(3, meanwhile.PendingCount);

            await transaction.CommitAsync();
        });

        Assert.Equal(4, await host.ChainAllAsync());
        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(6, result.VerifiedCount);
        Assert.Equal(0, result.PendingCount);
        await using var db = host.Database.CreateDbContext();
        Assert.Equal([1L, 2, 3, 4, 5, 6], await db.Set<AuditChainLink>().OrderBy(l => l.Sequence).Select(l => l.Sequence).ToListAsync());
        Assert.Equal(2, (await db.Set<AuditChainLink>().SingleAsync(l => l.Sequence == 3)).PreviousSequence);
    }

    [Fact]
    public async Task A_number_left_by_a_rolled_back_sale_does_not_hold_the_chain_on_PostgreSQL()
    {
        await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.PostgreSql);
        await host.AppendAsync(2);
        Assert.Equal(2, await host.ChainAllAsync());
        await using var sale = host.Database.CreateDbContext();
        await sale.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await sale.Database.BeginTransactionAsync();
            host.Trail.Stage(sale, AuditTrailHost.Pharmacist, AuditTrailHost.Entry(0, "refused sale"));
            await sale.SaveChangesAsync();
            await host.AppendAsync(2);
            Assert.Equal(0, await host.ChainAllAsync());
            await transaction.RollbackAsync();
        });

        Assert.Equal(2, await host.ChainAllAsync());
        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(4, result.VerifiedCount);
        Assert.Equal(5, result.LastVerifiedSequence);
        Assert.Equal(0, result.PendingCount);
    }

    [Fact]
    public async Task On_SQLite_a_record_written_while_a_sale_is_open_waits_its_turn_and_is_chained()
    {
        await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.Sqlite);
        await host.AppendAsync(2);
        await using var sale = host.Database.CreateDbContext();
        Task other;
        await using (var transaction = await sale.Database.BeginTransactionAsync())
        {
            var first = host.Trail.Stage(sale, AuditTrailHost.Pharmacist, AuditTrailHost.Entry(0, "slow sale"));
            await sale.SaveChangesAsync();
            // SQLite has one writer: the other register waits for the sale's commit, so it is numbered after it.
            other = Task.Run(() => host.AppendAsync(1, "other register"));
            await Task.Delay(200);
            Assert.False(other.IsCompleted);
            await transaction.CommitAsync();
            Assert.Equal(3, first.Sequence);
        }
        await other;

        Assert.Equal(4, await host.ChainAllAsync());
        var result = await host.VerifyAsync();
        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(4, result.VerifiedCount);
        Assert.Equal(0, result.PendingCount);
    }
}
