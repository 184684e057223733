namespace PharmacyPos.Domain.Audit;

/// <summary>
/// Walks the audit records and their chain links side by side, in sequence order, and reports
/// every place the chain breaks. Both inputs are streamed once: millions of rows are never held.
/// </summary>
/// <remarks>
/// What each break looks like:
/// <list type="bullet">
/// <item>Edited: a record no longer hashes to its link, or a link's previous hash differs from the
/// hash before it (a record changed and its hash recomputed shows here, at that record).</item>
/// <item>Deleted: a link without its record, or a link naming a previous record that is not there.</item>
/// <item>Inserted: a record below the chain's head without a link, or a link whose previous
/// sequence skips the record before it.</item>
/// <item>Reordered: the content expected at a position is found at the next record (both positions
/// are reported); content moved further than that cannot be told from an edit and is reported as Edited.</item>
/// </list>
/// After a break the walk takes up the chain again from the links as written, so one tampered record
/// hides nothing after it: an inspector sees every place, not only the first.
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
            walk.Link(link);
            for (; current is not null && current.Sequence < link.Sequence; current = walk.Next(events.MoveNext() ? events.Current : null))
                walk.Unlinked(current);
            if (current is null || current.Sequence > link.Sequence)
                walk.Missing(link);
            else if (walk.Check(current, link))
                current = walk.Next(events.MoveNext() ? events.Current : null);
            else
            {
                var next = walk.Next(events.MoveNext() ? events.Current : null);
                walk.Mismatch(current, link, next);
                current = next;
            }
        }
        for (; current is not null; current = walk.Next(events.MoveNext() ? events.Current : null))
            walk.Pending();
        return walk.Result();
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
            walk.Link(link);
            for (; current is not null && current.Sequence < link.Sequence; current = walk.Next(await events.MoveNextAsync() ? events.Current : null))
                walk.Unlinked(current);
            if (current is null || current.Sequence > link.Sequence)
                walk.Missing(link);
            else if (walk.Check(current, link))
                current = walk.Next(await events.MoveNextAsync() ? events.Current : null);
            else
            {
                var next = walk.Next(await events.MoveNextAsync() ? events.Current : null);
                walk.Mismatch(current, link, next);
                current = next;
            }
        }
        for (; current is not null; current = walk.Next(await events.MoveNextAsync() ? events.Current : null))
            walk.Pending();
        return walk.Result();
    }

    /// <summary>The state of one walk; the sync and async loops differ only in how they fetch.</summary>
    private sealed class Walk
    {
        private long _lastEventSequence;
        private long _lastLinkSequence;
        private long _verified;
        private long _pending;
        private long _lastSequence;
        private string _lastHash = AuditHash.Genesis;
        private long _priorSequence;
        private string _priorHash = AuditHash.Genesis;
        // Where the content of a record found reordered now sits, so that its new place is reported as the same move.
        private (long At, long From)? _moved;

        private readonly List<AuditChainBreak> _breaks = [];
        private long _breakCount;
        private (long Verified, long? Sequence, string Hash)? _beforeFirstBreak;

        public AuditEvent? Next(AuditEvent? auditEvent)
        {
            if (auditEvent is null) return null;
            if (auditEvent.Sequence <= _lastEventSequence)
                throw new ArgumentException(
                    $"Audit records must be given in ascending sequence order; record {auditEvent.Sequence} came after {_lastEventSequence}.");
            _lastEventSequence = auditEvent.Sequence;
            return auditEvent;
        }

        public void Link(AuditChainLink link)
        {
            if (link.Sequence <= _lastLinkSequence)
                throw new ArgumentException(
                    $"Chain links must be given in ascending sequence order; link {link.Sequence} came after {_lastLinkSequence}.");
            _lastLinkSequence = link.Sequence;
        }

        /// <summary>A record below a link that has no link of its own.</summary>
        public void Unlinked(AuditEvent auditEvent) =>
            Break(auditEvent.Sequence, AuditBreakKind.Inserted,
                $"Record {AuditVerificationResult.Number(auditEvent.Sequence)} has no place in the chain.");

        /// <summary>A link whose record is gone: the chain goes on from the link as written.</summary>
        public void Missing(AuditChainLink link)
        {
            Break(link.Sequence, AuditBreakKind.Deleted);
            Resume(link);
        }

        /// <summary>Checks the link of the record at its sequence; false when the record does not hash to it.</summary>
        public bool Check(AuditEvent auditEvent, AuditChainLink link)
        {
            if (link.PreviousSequence > _lastSequence)
            {
                Break(link.PreviousSequence, AuditBreakKind.Deleted);
                _lastHash = link.PreviousHash;
            }
            else if (link.PreviousSequence < _lastSequence)
            {
                BreakAtLast(AuditBreakKind.Inserted,
                    $"Record {AuditVerificationResult.Number(link.Sequence)} is chained to record {AuditVerificationResult.Number(link.PreviousSequence)}, skipping it.");
                _lastHash = link.PreviousHash;
            }
            else if (!string.Equals(link.PreviousHash, _lastHash, StringComparison.Ordinal))
            {
                if (string.Equals(AuditHash.Compute(_lastHash, auditEvent), link.Hash, StringComparison.Ordinal))
                {
                    // The record is whole; only the link's note of the hash before it was changed.
                    Break(link.Sequence, AuditBreakKind.Edited, "Its chain link was changed.");
                    Resume(link);
                    return true;
                }
                if (_lastSequence == 0)
                    Break(link.Sequence, AuditBreakKind.Edited, "Its chain link was changed.");
                else
                    BreakAtLast(AuditBreakKind.Edited, "Its hash was rewritten to match the change.");
                _lastHash = link.PreviousHash;
            }

            var hash = AuditHash.Compute(_lastHash, auditEvent);
            if (!string.Equals(hash, link.Hash, StringComparison.Ordinal)) return false;

            _priorSequence = _lastSequence;
            _priorHash = _lastHash;
            _lastSequence = link.Sequence;
            _lastHash = hash;
            _verified++;
            return true;
        }

        /// <summary>The record does not hash to its link: moved here from the next position or to here from the one before, or edited.</summary>
        public void Mismatch(AuditEvent auditEvent, AuditChainLink link, AuditEvent? next)
        {
            if (_moved is { } moved && moved.At == auditEvent.Sequence)
            {
                Break(auditEvent.Sequence, AuditBreakKind.Reordered,
                    $"Its content belongs at record {AuditVerificationResult.Number(moved.From)}.");
            }
            else if (next is not null && string.Equals(
                AuditHash.Compute(_lastHash, AuditCanonicalForm.Serialize(next, auditEvent.Sequence)), link.Hash, StringComparison.Ordinal))
            {
                Break(auditEvent.Sequence, AuditBreakKind.Reordered,
                    $"Its content is now at record {AuditVerificationResult.Number(next.Sequence)}.");
                _moved = (next.Sequence, auditEvent.Sequence);
            }
            else
            {
                Break(auditEvent.Sequence, AuditBreakKind.Edited);
            }
            Resume(link);
        }

        public void Pending() => _pending++;

        public AuditVerificationResult Result() => _beforeFirstBreak is { } whole
            ? AuditVerificationResult.Broken(_breaks, _breakCount, whole.Verified, whole.Sequence, whole.Hash, _pending)
            : AuditVerificationResult.Intact(_verified, _verified == 0 ? null : _lastSequence, _lastHash, _pending);

        /// <summary>Takes the chain up again after a break from the link as it was written.</summary>
        private void Resume(AuditChainLink link)
        {
            _priorSequence = _lastSequence;
            _priorHash = _lastHash;
            _lastSequence = link.Sequence;
            _lastHash = link.Hash;
        }

        private void Break(long sequence, AuditBreakKind kind, string? detail = null)
        {
            _beforeFirstBreak ??= (_verified, _verified == 0 ? null : _lastSequence, _lastHash);
            Add(AuditChainBreak.Of(sequence, kind, detail));
        }

        // The record found whole last is the one at fault: step back before it.
        private void BreakAtLast(AuditBreakKind kind, string detail)
        {
            _beforeFirstBreak ??= (_verified - 1, _verified <= 1 ? null : _priorSequence, _priorHash);
            Add(AuditChainBreak.Of(_lastSequence, kind, detail));
        }

        private void Add(AuditChainBreak found)
        {
            _breakCount++;
            if (_breaks.Count < AuditVerificationResult.MaxListedBreaks) _breaks.Add(found);
        }
    }
}
