using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// Reads of the whole audit trail that must stream: the verifier, the archive and the CSV export
/// walk millions of rows one at a time and never hold them.
/// </summary>
/// <remarks>
/// EF Core buffers every query of a context whose execution strategy retries (a stream cannot be
/// replayed from the middle), so <c>AsAsyncEnumerable</c> would read the whole result into memory on
/// PostgreSQL, where the app's contexts retry. <see cref="Streaming"/> gives a context on the same
/// connection without retries; a failed walk is simply run again.
/// </remarks>
public static class AuditReads
{
    /// <summary>
    /// A context over <paramref name="owner"/>'s connection whose queries stream, or null when the
    /// owner's own queries already stream (SQLite does not retry). Dispose it before the owner.
    /// </summary>
    public static PosDbContext? StreamingOver(PosDbContext owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.Provider != DatabaseProvider.PostgreSql) return null;
        var options = new DbContextOptionsBuilder<NpgsqlPosDbContext>()
            .UseNpgsql(owner.Database.GetDbConnection())
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
        return new NpgsqlPosDbContext(options);
    }

    /// <summary>Chained records after a sequence, joined to their links, in order: the archive's source.</summary>
    public static async IAsyncEnumerable<(AuditEvent Event, AuditChainLink Link)> ChainedAfterAsync(
        Func<CancellationToken, Task<PosDbContext>> open, long afterSequence, int max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var owner = await open(cancellationToken);
        await using var streaming = StreamingOver(owner);
        var db = streaming ?? owner;
        var rows = from e in db.Set<AuditEvent>().AsNoTracking()
                   join l in db.Set<AuditChainLink>().AsNoTracking() on e.Sequence equals l.Sequence
                   where l.Sequence > afterSequence
                   orderby l.Sequence
                   select new { Event = e, Link = l };
        await foreach (var row in rows.Take(max).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return (row.Event, row.Link);
    }

    /// <summary>
    /// Walks the whole chain in the database with <see cref="AuditChainVerifier.VerifyAsync"/>, streaming
    /// records and links on two connections. The links are read first: every link's record committed
    /// before the link, so the records read after them include every linked one.
    /// </summary>
    public static async Task<AuditVerificationResult> VerifyDatabaseAsync(
        Func<CancellationToken, Task<PosDbContext>> open, CancellationToken cancellationToken = default)
    {
        await using var linkOwner = await open(cancellationToken);
        await using var linkStreaming = StreamingOver(linkOwner);
        var linkDb = linkStreaming ?? linkOwner;
        await using var eventOwner = await open(cancellationToken);
        await using var eventStreaming = StreamingOver(eventOwner);
        var eventDb = eventStreaming ?? eventOwner;

        var links = linkDb.Set<AuditChainLink>().AsNoTracking().OrderBy(l => l.Sequence).AsAsyncEnumerable();
        await using var linkCursor = links.GetAsyncEnumerator(cancellationToken);
        var hasFirstLink = await linkCursor.MoveNextAsync();
        var events = eventDb.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await AuditChainVerifier.VerifyAsync(events, Rest(linkCursor, hasFirstLink), cancellationToken);
    }

    private static async IAsyncEnumerable<AuditChainLink> Rest(IAsyncEnumerator<AuditChainLink> cursor, bool hasCurrent)
    {
        if (!hasCurrent) yield break;
        do yield return cursor.Current;
        while (await cursor.MoveNextAsync());
    }
}
