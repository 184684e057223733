using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>How often the chainer runs and how long a record settles first. Bound from "Audit:Chainer".</summary>
public sealed class AuditChainerOptions
{
    public const string SectionName = "Audit:Chainer";

    /// <summary>Time between passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A record is chained only once it is this old. The database numbers a record when it is
    /// inserted but other registers see it only when its transaction commits; a transaction that took
    /// a lower number and commits after a higher one would otherwise be passed over and then show as
    /// inserted. Every audit record's transaction must commit within this delay of its time.
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Records chained per transaction; a pass goes on until it has caught up.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Longest wait after a failed pass (for example, a database not migrated yet).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Seals saved audit records into the hash chain, in sequence order, in the background. Registers
/// append records without any lock; only this pass takes one. Every instance runs a chainer: on
/// PostgreSQL a transaction-scoped advisory lock lets one of them chain at a time (the others skip
/// the pass), and the unique link per previous record refuses a second chain even if two did.
/// SQLite is a single process: passes there are serialized in the process and by SQLite's write lock.
/// </summary>
public sealed class AuditChainer(
    IDbContextFactory<PosDbContext> factory,
    IOptions<AuditChainerOptions> options,
    TimeProvider time,
    ILogger<AuditChainer> logger) : BackgroundService
{
    /// <summary>The advisory lock key for chaining: "auditcha" in ASCII, as a 64-bit number.</summary>
    public const long AdvisoryLockKey = 0x6175_6469_7463_6861;

    private readonly AuditChainerOptions _options = options.Value;
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Links written since start, for the benchmark and the logs.</summary>
    public long LinksWritten => Interlocked.Read(ref _linksWritten);
    private long _linksWritten;

    /// <summary>
    /// Chains every saved record older than the settle delay (or saved before <paramref name="settledBefore"/>,
    /// when given) that is not chained yet. Returns the number of records chained; 0 when another
    /// instance holds the chain.
    /// </summary>
    public async Task<int> ChainOnceAsync(DateTimeOffset? settledBefore = null, CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            while (true)
            {
                var cutoff = settledBefore ?? time.GetUtcNow() - _options.SettleDelay;
                var (chained, full) = await ChainBatchAsync(cutoff, cancellationToken);
                total += chained;
                if (!full) return total;
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<(int Chained, bool Full)> ChainBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The app's PostgreSQL contexts retry on transient errors; a transaction of our own must run inside that strategy.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Provider == DatabaseProvider.PostgreSql)
            {
                var mine = await db.Database
                    .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}) AS \"Value\"")
                    .SingleAsync(ct);
                if (!mine) return (0, false);
            }

            var head = await db.Set<AuditChainLink>().AsNoTracking()
                .OrderByDescending(l => l.Sequence).FirstOrDefaultAsync(ct);
            var after = head?.Sequence ?? 0;
            var candidates = await db.Set<AuditEvent>().AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(_options.BatchSize)
                .ToListAsync(ct);
            // In sequence order, up to the first record too young to chain: a record after it may
            // still be joined below it by a transaction that has not committed yet.
            var settled = candidates.TakeWhile(e => e.OccurredAt <= cutoff).ToList();
            if (settled.Count == 0) return (0, false);

            var links = AuditChain.Extend(head, settled, time.GetUtcNow());
            db.Set<AuditChainLink>().AddRange(links);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            Interlocked.Add(ref _linksWritten, links.Count);
            return (links.Count, settled.Count == _options.BatchSize);
        }, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.Interval;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var chained = await ChainOnceAsync(cancellationToken: stoppingToken);
                if (chained > 0) logger.LogDebug("Chained {Count} audit records.", chained);
                if (failures > 0) logger.LogInformation("The audit chainer is running again after {Failures} failed passes.", failures);
                failures = 0;
                delay = _options.Interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database not migrated yet, or not reachable: records keep being written and wait to be chained.
                failures++;
                delay = TimeSpan.FromTicks(Math.Min(Math.Max(_options.Interval.Ticks, 1) << Math.Min(failures, 10), _options.MaxRetryDelay.Ticks));
                logger.LogWarning(e, "The audit trail could not be chained (attempt {Failures}); trying again in {Delay}.", failures, delay);
            }
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }
}
