using Microsoft.EntityFrameworkCore;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// How far the chain may be sealed on PostgreSQL: the highest sequence number below which every
/// audit record that will ever commit has committed. Records at or below it are chained in sequence
/// order; a number missing there belongs to a transaction that rolled back and is passed over for good.
/// </summary>
/// <remarks>
/// <para>The rule. The identity column numbers a record when it is inserted, not when its transaction
/// commits, so a gap in the committed numbers may be a transaction still running (a sale waiting on a
/// lock) that will fill it later. Sealing past such a gap would leave that record outside the chain for
/// ever. Time cannot tell the two apart (clocks differ between instances, a commit can wait without
/// bound); the database can:</para>
/// <list type="number">
/// <item>Every transaction that inserts an audit record holds a lock on audit_events stronger than a
/// reader's from before it takes its number (the insert locks the table before it evaluates the
/// identity) until it commits or rolls back, and its commit is visible before that lock is released.</item>
/// <item>So: read the newest committed number N, then the set H of transactions holding such a lock.
/// Any transaction holding a number at or below N took it before N was committed, so it is in H if it
/// has not finished.</item>
/// <item>Once none of H holds the lock any more, every number at or below N is final: committed (and
/// visible) or rolled back (a gap for good). N is then the horizon. When H is empty, at once.</item>
/// </list>
/// <para>A rolled-back transaction releases its lock like a committed one, so its gap blocks the chain
/// only until it ends, never for ever. A transaction that stays open blocks the chain above its number
/// for as long as it is open: that is correct, and <see cref="AuditChainWatch"/> raises the alarm when it
/// lasts longer than the settle window. Each pass records one (N, H) pair; pairs are resolved on later
/// passes, so the chain lags one pass behind the newest record only while registers are writing.</para>
/// <para>SQLite has a single writer: a transaction numbers its records while it holds the database's
/// write lock and nobody else can commit meanwhile, so commit order is sequence order and every
/// visible record can be chained at once.</para>
/// </remarks>
public sealed class AuditChainHorizon
{
    // Older pairs are kept over newer ones: they resolve first. Dropping a pair only delays the horizon.
    private const int MaxWaitingPairs = 64;

    private readonly Lock _lock = new();
    private readonly List<(long UpTo, IReadOnlySet<string> Holders)> _waiting = [];
    private long _settledUpTo;

    /// <summary>The horizon as of now, read inside the chainer's transaction. Each query is its own statement, in this order.</summary>
    public async Task<long> SettledUpToAsync(PosDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.PostgreSql) return long.MaxValue;

        var newest = await db.Database
            .SqlQuery<long>($"SELECT COALESCE(MAX(sequence), 0) AS \"Value\" FROM audit_events")
            .SingleAsync(cancellationToken);
        // pg_locks shows the whole server: only this database's table counts. Readers (AccessShareLock)
        // never insert and a long verification walk must not hold the chain back.
        var holders = await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT COALESCE(virtualtransaction, 'pid ' || pid::text) AS "Value" FROM pg_locks
            WHERE locktype = 'relation'
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND relation = 'audit_events'::regclass
              AND mode <> 'AccessShareLock'
              AND pid IS DISTINCT FROM pg_backend_pid()
            """).ToListAsync(cancellationToken);
        return Advance(newest, holders.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Resolves the pairs whose holders have all finished and records the new one.</summary>
    public long Advance(long newestCommitted, IReadOnlySet<string> holdersNow)
    {
        ArgumentNullException.ThrowIfNull(holdersNow);
        lock (_lock)
        {
            // A transaction id is never reused, so one missing from the holders now has finished.
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Holders.Overlaps(holdersNow)) continue;
                _settledUpTo = Math.Max(_settledUpTo, _waiting[i].UpTo);
                _waiting.RemoveAt(i);
            }
            if (holdersNow.Count == 0)
                _settledUpTo = Math.Max(_settledUpTo, newestCommitted);
            else if (newestCommitted > _settledUpTo)
            {
                if (_waiting.Count == MaxWaitingPairs) _waiting.RemoveAt(_waiting.Count - 1);
                _waiting.Add((newestCommitted, holdersNow));
            }
            return _settledUpTo;
        }
    }
}
