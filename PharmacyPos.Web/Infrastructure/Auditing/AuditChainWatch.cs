using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// Raises the alarm when records escape the chain or wait too long for it: the "audit-chain" health
/// check turns Degraded and an <see cref="AuditEventTypes.AuditChainGap"/> record is written, once per
/// gap (the trail itself remembers which gaps were reported, across instances and restarts).
/// </summary>
/// <remarks>
/// Two things are watched after each pass of the chain's holder:
/// <list type="bullet">
/// <item>Held: saved records have waited above the chain's head longer than the settle window, seen
/// by this instance's own clock (never the records' times, which come from other instances). Usually a
/// transaction that took the next number is still open. Clears when the head moves on.</item>
/// <item>Escaped: a record with no link below the chain's head, which the verifier reports as
/// inserted. The chainer never seals past a number that may still commit, so this is tampering or a
/// fault; it stays reported until the instance restarts, and the verifier lists it meanwhile.</item>
/// </list>
/// </remarks>
public sealed class AuditChainWatch(
    IDbContextFactory<PosDbContext> factory,
    IAuditTrail trail,
    IOptions<AuditChainerOptions> options,
    TimeProvider time,
    ILogger<AuditChainWatch> logger)
{
    /// <summary>How far below the head a record that escaped is looked for (sequence numbers).</summary>
    public const long EscapeWatchDepth = 10_000;

    /// <summary>Who writes the alarm into the trail: the application itself, not a member of staff.</summary>
    public static readonly AuditActor Actor = new(null, "audit chainer", "System");

    private readonly Lock _lock = new();
    private (long Head, DateTimeOffset Since)? _waiting;
    private readonly SortedSet<long> _escaped = [];
    private readonly HashSet<long> _reported = [];

    /// <summary>The state for the health check.</summary>
    public (bool Held, long? HeldAt, DateTimeOffset? HeldSince, IReadOnlyList<long> Escaped) Current
    {
        get
        {
            lock (_lock)
            {
                var held = _waiting is { } w && time.GetUtcNow() - w.Since >= options.Value.SettleWindow;
                return (held, _waiting?.Head + 1, _waiting?.Since, _escaped.ToList());
            }
        }
    }

    /// <summary>This instance did not hold the chain in its last pass: the holder reports records held, not this one.</summary>
    public void NotHolding()
    {
        lock (_lock) _waiting = null;
    }

    /// <summary>
    /// Looks at the chain after a pass: its head, and the first saved record above it, if any.
    /// Returns the number of alarms written.
    /// </summary>
    public async Task<int> AfterPassAsync(long head, long? firstWaiting, CancellationToken cancellationToken)
    {
        var alarms = new List<(long Gap, string Reason)>();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (firstWaiting is null) _waiting = null;
            else if (_waiting is not { } w || w.Head != head) _waiting = (head, now);
            if (_waiting is { } held && now - held.Since >= options.Value.SettleWindow)
                alarms.Add((head + 1, string.Create(CultureInfo.InvariantCulture,
                    $"Records from {firstWaiting:N0} have waited more than {options.Value.SettleWindow} to be chained: record {head + 1:N0} was numbered by a transaction that has not ended.")));
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var escaped = await db.Set<AuditEvent>().AsNoTracking()
                .Where(e => e.Sequence > head - EscapeWatchDepth && e.Sequence < head
                    && !db.Set<AuditChainLink>().Any(l => l.Sequence == e.Sequence))
                .OrderBy(e => e.Sequence).Select(e => e.Sequence).Take(100)
                .ToListAsync(cancellationToken);
            foreach (var sequence in escaped)
            {
                lock (_lock) _escaped.Add(sequence);
                alarms.Add((sequence, string.Create(CultureInfo.InvariantCulture,
                    $"Record {sequence:N0} was committed below the chain's head (record {head:N0}) without a link: it is outside the chain.")));
            }
        }

        var written = 0;
        foreach (var (gap, reason) in alarms)
            if (await ReportOnceAsync(gap, reason, cancellationToken)) written++;
        return written;
    }

    private async Task<bool> ReportOnceAsync(long gap, string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
            if (_reported.Contains(gap)) return false;
        var key = gap.ToString(CultureInfo.InvariantCulture);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<AuditEvent>().AnyAsync(e => e.EventType == AuditEventTypes.AuditChainGap && e.EntityId == key, cancellationToken))
            {
                lock (_lock) _reported.Add(gap);
                return false;
            }
        }
        logger.LogError("Audit chain alarm at record {Gap}: {Reason}", gap, reason);
        await trail.RecordAsync(Actor, new AuditEntry(AuditEventTypes.AuditChainGap, "AuditTrail", key) { Reason = reason }, cancellationToken);
        lock (_lock) _reported.Add(gap);
        return true;
    }
}

/// <summary>"audit-chain" on /api/health: Degraded while records wait too long for the chain or one escaped it.</summary>
internal sealed class AuditChainHealthCheck(AuditChainWatch watch) : IHealthCheck
{
    public const string Name = "audit-chain";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = watch.Current;
        var problems = new List<string>();
        if (now.Held)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The chain is held at record {now.HeldAt:N0} since {now.HeldSince:O}."));
        if (now.Escaped.Count > 0)
            problems.Add($"{now.Escaped.Count} record(s) found outside the chain, first {now.Escaped[0].ToString("N0", CultureInfo.InvariantCulture)}: run audit verify.");
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Records are being chained.")
            : HealthCheckResult.Degraded(string.Join(" ", problems)));
    }
}
