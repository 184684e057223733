namespace PharmacyPos.Domain.Audit;

/// <summary>
/// Walks the audit records and their chain links side by side, in sequence order, and reports
/// the first place the chain breaks. Both inputs are streamed once: millions of rows are never held.
/// </summary>
/// <remarks>
/// What each break looks like:
/// <list type="bullet">
/// <item>Edited: a record no longer hashes to its link, or a link's previous hash differs from the
/// hash before it (a record changed and its hash recomputed shows here, at that record).</item>
/// <item>Deleted: a link without its record, or a link naming a previous record that is not there.</item>
/// <item>Inserted: a record below the chain's head without a link, or a link whose previous
/// sequence skips the record before it.</item>
/// <item>Reordered: the content expected at a position is found at the next record; content moved
/// further than that cannot be told from an edit and is reported as Edited at the first moved position.</item>
/// </list>
/// Records above the last link are waiting to be chained and are counted as pending, not a break.
/// A cut made at the very end (the newest records and their links removed together) leaves a
/// shorter but whole chain; compare <see cref="AuditVerificationResult.LastVerifiedSequence"/> with the archive to catch it.
/// </remarks>
public static class AuditChainVerifier
{
    public static AuditVerificationResult Verify(
        IEnumerable<AuditEvent> eventsOrderedBySequence, IEnumerable<AuditChainLink> linksOrderedBySequence)
    {
        ArgumentNullException.ThrowIfNull(eventsOrderedBySequence);
        ArgumentNullException.ThrowIfNull(linksOrderedBySequence);
        var walk = new Walk();
        using var events = eventsOrderedBySequence.GetEnumerator();
        var current = walk.Next(events.MoveNext() ? events.Current : null);
        foreach (var link in linksOrderedBySequence)
        {
            switch (walk.Check(current, link, out var broken))
            {
                case Verdict.Broken:
                    return broken!;
                case Verdict.HashMismatch:
                    return walk.Mismatch(current!, link, walk.Next(events.MoveNext() ? events.Current : null));
                case Verdict.Whole:
                    current = walk.Next(events.MoveNext() ? events.Current : null);
                    break;
            }
        }
        for (; current is not null; current = walk.Next(events.MoveNext() ? events.Current : null))
            walk.Pending();
        return walk.Intact();
    }

    public static async Task<AuditVerificationResult> VerifyAsync(
        IAsyncEnumerable<AuditEvent> eventsOrderedBySequence,
        IAsyncEnumerable<AuditChainLink> linksOrderedBySequence,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventsOrderedBySequence);
        ArgumentNullException.ThrowIfNull(linksOrderedBySequence);
        var walk = new Walk();
        await using var events = eventsOrderedBySequence.GetAsyncEnumerator(cancellationToken);
        var current = walk.Next(await events.MoveNextAsync() ? events.Current : null);
        await foreach (var link in linksOrderedBySequence.WithCancellation(cancellationToken))
        {
            switch (walk.Check(current, link, out var broken))
            {
                case Verdict.Broken:
                    return broken!;
                case Verdict.HashMismatch:
                    return walk.Mismatch(current!, link, walk.Next(await events.MoveNextAsync() ? events.Current : null));
                case Verdict.Whole:
                    current = walk.Next(await events.MoveNextAsync() ? events.Current : null);
                    break;
            }
        }
        for (; current is not null; current = walk.Next(await events.MoveNextAsync() ? events.Current : null))
            walk.Pending();
        return walk.Intact();
    }

    private enum Verdict { Whole, HashMismatch, Broken }

    /// <summary>The state of one walk; the sync and async loops differ only in how they fetch.</summary>
    private sealed class Walk
    {
        private long _lastEventSequence;
        private long _verified;
        private long _pending;
        private long _lastSequence;
        private string _lastHash = AuditHash.Genesis;
        private long _priorSequence;
        private string _priorHash = AuditHash.Genesis;

        public AuditEvent? Next(AuditEvent? auditEvent)
        {
            if (auditEvent is null) return null;
            if (auditEvent.Sequence <= _lastEventSequence)
                throw new ArgumentException(
                    $"Audit records must be given in ascending sequence order; record {auditEvent.Sequence} came after {_lastEventSequence}.");
            _lastEventSequence = auditEvent.Sequence;
            return auditEvent;
        }

        public Verdict Check(AuditEvent? auditEvent, AuditChainLink link, out AuditVerificationResult? broken)
        {
            broken = null;
            if (link.Sequence <= _lastSequence)
                throw new ArgumentException(
                    $"Chain links must be given in ascending sequence order; link {link.Sequence} came after {_lastSequence}.");
            if (auditEvent is null || link.Sequence < auditEvent.Sequence)
                broken = Break(link.Sequence, AuditBreakKind.Deleted);
            else if (auditEvent.Sequence < link.Sequence)
                broken = Break(auditEvent.Sequence, AuditBreakKind.Inserted,
                    $"Record {AuditVerificationResult.Number(auditEvent.Sequence)} has no place in the chain.");
            else if (link.PreviousSequence > _lastSequence)
                broken = Break(link.PreviousSequence, AuditBreakKind.Deleted);
            else if (link.PreviousSequence < _lastSequence)
                broken = BreakAtLast(AuditBreakKind.Inserted,
                    $"Record {AuditVerificationResult.Number(link.Sequence)} is chained to record {AuditVerificationResult.Number(link.PreviousSequence)}, skipping it.");
            else if (!string.Equals(link.PreviousHash, _lastHash, StringComparison.Ordinal))
                broken = _lastSequence == 0
                    ? Break(link.Sequence, AuditBreakKind.Edited, "Its chain link was changed.")
                    : BreakAtLast(AuditBreakKind.Edited, "Its hash was rewritten to match the change.");
            if (broken is not null) return Verdict.Broken;

            var hash = AuditHash.Compute(_lastHash, auditEvent!);
            if (!string.Equals(hash, link.Hash, StringComparison.Ordinal)) return Verdict.HashMismatch;

            _priorSequence = _lastSequence;
            _priorHash = _lastHash;
            _lastSequence = link.Sequence;
            _lastHash = hash;
            _verified++;
            return Verdict.Whole;
        }

        /// <summary>The record does not hash to its link: moved here from the next position, or edited.</summary>
        public AuditVerificationResult Mismatch(AuditEvent auditEvent, AuditChainLink link, AuditEvent? next)
        {
            if (next is not null)
            {
                var nextAsIfHere = AuditHash.Compute(_lastHash, AuditCanonicalForm.Serialize(next, auditEvent.Sequence));
                if (string.Equals(nextAsIfHere, link.Hash, StringComparison.Ordinal))
                    return Break(auditEvent.Sequence, AuditBreakKind.Reordered,
                        $"Its content is now at record {AuditVerificationResult.Number(next.Sequence)}.");
            }
            return Break(auditEvent.Sequence, AuditBreakKind.Edited);
        }

        public void Pending() => _pending++;

        public AuditVerificationResult Intact() =>
            AuditVerificationResult.Intact(_verified, _verified == 0 ? null : _lastSequence, _lastHash, _pending);

        private AuditVerificationResult Break(long sequence, AuditBreakKind kind, string? detail = null) =>
            AuditVerificationResult.Broken(sequence, kind, _verified, _verified == 0 ? null : _lastSequence, _lastHash, detail);

        // The record found whole last is the one at fault: step back before it.
        private AuditVerificationResult BreakAtLast(AuditBreakKind kind, string detail) =>
            AuditVerificationResult.Broken(_lastSequence, kind, _verified - 1,
                _verified <= 1 ? null : _priorSequence, _priorHash, detail);
    }
}
