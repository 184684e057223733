namespace PharmacyPos.Domain.Audit;

/// <summary>Extends the hash chain over records that have been saved since its head.</summary>
public static class AuditChain
{
    /// <summary>
    /// Links each new record to the one before it: the head for the first, then each other in turn.
    /// Gaps in the sequence are skipped (each link names the sequence it follows).
    /// </summary>
    /// <param name="head">The last link of the chain, or null when nothing is chained yet.</param>
    /// <param name="newEventsInSequenceOrder">Saved records above the head, in ascending sequence.</param>
    /// <remarks>
    /// The caller must hand over only records whose transactions can no longer commit below them:
    /// a record that appears under the head after it was chained is reported as inserted.
    /// </remarks>
    public static IReadOnlyList<AuditChainLink> Extend(
        AuditChainLink? head, IEnumerable<AuditEvent> newEventsInSequenceOrder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newEventsInSequenceOrder);
        var previousSequence = head?.Sequence ?? 0;
        var previousHash = head?.Hash ?? AuditHash.Genesis;
        var links = new List<AuditChainLink>();
        foreach (var auditEvent in newEventsInSequenceOrder)
        {
            if (auditEvent.Sequence <= 0)
                throw new ArgumentException("An audit record is chained only after the database has numbered it.", nameof(newEventsInSequenceOrder));
            if (auditEvent.Sequence <= previousSequence)
                throw new ArgumentException(
                    $"Audit record {auditEvent.Sequence} comes after record {previousSequence} in the chain; records must be chained in ascending order, each once.",
                    nameof(newEventsInSequenceOrder));
            var hash = AuditHash.Compute(previousHash, auditEvent);
            links.Add(new AuditChainLink(auditEvent.Sequence, previousSequence, previousHash, hash, now));
            previousSequence = auditEvent.Sequence;
            previousHash = hash;
        }
        return links;
    }
}
