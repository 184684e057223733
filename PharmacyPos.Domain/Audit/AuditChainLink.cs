namespace PharmacyPos.Domain.Audit;

/// <summary>
/// The hash chain's entry for one audit record: the record's hash, taken over its content and
/// the previous record's hash. Kept apart from the records so that writing a record never
/// waits on the chain; the chain is extended in the background, in sequence order.
/// </summary>
public sealed class AuditChainLink
{
    private AuditChainLink() { }

    public AuditChainLink(long sequence, long previousSequence, string previousHash, string hash, DateTimeOffset chainedAt)
    {
        if (sequence <= 0)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Only a saved audit record (sequence above 0) can be chained.");
        if (previousSequence < 0 || previousSequence >= sequence)
            throw new ArgumentOutOfRangeException(nameof(previousSequence), previousSequence, "A record is chained to an earlier one.");
        if (!AuditHash.IsWellFormed(previousHash))
            throw new ArgumentException("A chain hash is 64 lowercase hexadecimal digits.", nameof(previousHash));
        if (!AuditHash.IsWellFormed(hash))
            throw new ArgumentException("A chain hash is 64 lowercase hexadecimal digits.", nameof(hash));
        Sequence = sequence;
        PreviousSequence = previousSequence;
        PreviousHash = previousHash;
        Hash = hash;
        ChainedAt = chainedAt.ToUniversalTime();
    }

    /// <summary>The sequence of the audit record this link seals.</summary>
    public long Sequence { get; private set; }
    /// <summary>The sequence of the record before it in the chain (gaps skipped); 0 for the first record.</summary>
    public long PreviousSequence { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTimeOffset ChainedAt { get; private set; }
}
