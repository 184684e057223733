using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>How often the chainer runs and when a record waiting for it raises the alarm. Bound from "Audit:Chainer".</summary>
public sealed class AuditChainerOptions
{
    public const string SectionName = "Audit:Chainer";

    /// <summary>Time between passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long saved records may wait above the chain's head before the alarm is raised (health
    /// Degraded and an audit record). Records are chained as soon as no lower number can still commit
    /// (see <see cref="AuditChainHorizon"/>), never by their age: this only bounds how long an open
    /// transaction may hold the chain before someone is told.
    /// </summary>
    public TimeSpan SettleWindow { get; set; } = TimeSpan.FromMinutes(1);

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
/// <remarks>
/// A record is sealed only once no record below it can still commit (<see cref="AuditChainHorizon"/>):
/// a sale that took its number early and commits late is waited for and chained in its place, never
/// passed over. After each pass <see cref="AuditChainWatch"/> raises the alarm if records wait too long.
/// </remarks>
public sealed class AuditChainer(
    IDbContextFactory<PosDbContext> factory,
    AuditChainHorizon horizon,
    AuditChainWatch watch,
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
    /// Chains every saved record that no uncommitted record can still precede, then looks for records
    /// waiting too long or outside the chain. Returns the number of records chained; 0 when another
    /// instance holds the chain.
    /// </summary>
    public async Task<int> ChainOnceAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            while (true)
            {
                var batch = await ChainBatchAsync(cancellationToken);
                if (batch is null)
                {
                    // Another instance holds the chain and watches it; what this one saw last is stale.
                    watch.NotHolding();
                    return total;
                }
                total += batch.Value.Chained;
                if (batch.Value.Full) continue;
                await watch.AfterPassAsync(batch.Value.Head, batch.Value.FirstWaiting, cancellationToken);
                return total;
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>One batch; null when another instance holds the chain.</summary>
    private async Task<(int Chained, bool Full, long Head, long? FirstWaiting)?> ChainBatchAsync(CancellationToken cancellationToken)
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
                if (!mine) return ((int, bool, long, long?)?)null;
            }

            var settledUpTo = await horizon.SettledUpToAsync(db, ct);
            var head = await db.Set<AuditChainLink>().AsNoTracking()
                .OrderByDescending(l => l.Sequence).FirstOrDefaultAsync(ct);
            var after = head?.Sequence ?? 0;
            // Every committed record up to the horizon, in sequence order: a number missing there was
            // rolled back and is passed over; nothing above the horizon is sealed yet.
            var settled = await db.Set<AuditEvent>().AsNoTracking()
                .Where(e => e.Sequence > after && e.Sequence <= settledUpTo)
                .OrderBy(e => e.Sequence)
                .Take(_options.BatchSize)
                .ToListAsync(ct);
            var newHead = after;
            if (settled.Count > 0)
            {
                var links = AuditChain.Extend(head, settled, time.GetUtcNow());
                db.Set<AuditChainLink>().AddRange(links);
                await db.SaveChangesAsync(ct);
                newHead = links[^1].Sequence;
            }
            var firstWaiting = await db.Set<AuditEvent>().AsNoTracking()
                .Where(e => e.Sequence > newHead).OrderBy(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct);
            await transaction.CommitAsync(ct);
            Interlocked.Add(ref _linksWritten, settled.Count);
            return (settled.Count, settled.Count == _options.BatchSize, newHead, firstWaiting);
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
