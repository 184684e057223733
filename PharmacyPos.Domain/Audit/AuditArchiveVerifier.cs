namespace PharmacyPos.Domain.Audit;

/// <summary>How the archive was found to be broken.</summary>
public enum AuditArchiveBreakKind
{
    /// <summary>A block cannot be read: cut short, not JSON, or not in the archive's format.</summary>
    Damaged,
    /// <summary>A block reads well but its records or its header no longer match their hashes.</summary>
    Altered,
    /// <summary>A block is not in the archive.</summary>
    Missing,
}

/// <summary>The outcome of checking the archive.</summary>
public sealed record AuditArchiveVerificationResult
{
    public bool IsIntact => BrokenAtBlock is null;
    public long BlockCount { get; init; }
    public long RecordCount { get; init; }
    /// <summary>The last record found whole, with its chain hash: compare with the database's chain.</summary>
    public long? LastSequence { get; init; }
    public string LastHash { get; init; } = AuditHash.Genesis;
    public string LastBlockHash { get; init; } = AuditHash.Genesis;
    public long? BrokenAtBlock { get; init; }
    /// <summary>The record where the chain breaks, when the break is inside a block.</summary>
    public long? BrokenAtSequence { get; init; }
    public AuditArchiveBreakKind? Kind { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>
/// Checks the archive without the database: each block's records against their hashes, the
/// chain from record to record across blocks, and each block against the hash of the one before.
/// Blocks are streamed one at a time. A damaged block gives a message, never an exception.
/// </summary>
/// <remarks>Blocks removed from the end leave a shorter but whole archive: compare its last record with the database's chain.</remarks>
public static class AuditArchiveVerifier
{
    public static async Task<AuditArchiveVerificationResult> VerifyAsync(
        IAsyncEnumerable<(long BlockNumber, ReadOnlyMemory<byte> Content)> blocksInOrder,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blocksInOrder);
        long blocks = 0, records = 0, lastSequence = 0;
        string lastHash = AuditHash.Genesis, lastBlockHash = AuditHash.Genesis;

        AuditArchiveVerificationResult Broken(long block, AuditArchiveBreakKind kind, string message, long? sequence = null) => new()
        {
            BlockCount = blocks,
            RecordCount = records,
            LastSequence = records == 0 ? null : lastSequence,
            LastHash = lastHash,
            LastBlockHash = lastBlockHash,
            BrokenAtBlock = block,
            BrokenAtSequence = sequence,
            Kind = kind,
            Message = message,
        };

        await foreach (var (number, content) in blocksInOrder.WithCancellation(cancellationToken))
        {
            var expected = blocks + 1;
            if (number > expected)
            {
                var after = blocks == 0 ? "" : $" after block {N(blocks)}";
                return Broken(expected, AuditArchiveBreakKind.Missing,
                    $"Archive block {N(expected)} is missing: block {N(number)} comes next{after}, so the records between them cannot be checked.");
            }
            if (!AuditArchiveBlock.TryRead(content, out var block, out var problem))
                return Broken(number, AuditArchiveBreakKind.Damaged, $"Archive block {N(number)} cannot be read: {problem}");
            if (number < expected || block!.BlockNumber != number)
                return Broken(number, AuditArchiveBreakKind.Damaged,
                    $"Archive block {N(number)} cannot be read: the file holds block {N(block?.BlockNumber ?? number)}.");
            if (!string.Equals(block.PreviousBlockHash, lastBlockHash, StringComparison.Ordinal))
                return Broken(number, AuditArchiveBreakKind.Altered,
                    $"Archive block {N(number)} does not follow block {N(blocks)}: the previous block hash it names is not that block's.");

            foreach (var entry in block.Entries)
            {
                if (entry.PreviousSequence != lastSequence)
                    return Broken(number, AuditArchiveBreakKind.Altered,
                        $"Archive block {N(number)} is broken at record {N(entry.Sequence)}: it follows record {N(entry.PreviousSequence)}, but the archive holds record {N(lastSequence)} before it.",
                        entry.Sequence);
                if (!string.Equals(entry.PreviousHash, lastHash, StringComparison.Ordinal))
                    return Broken(number, AuditArchiveBreakKind.Altered,
                        $"Archive block {N(number)} is broken at record {N(entry.Sequence)}: the hash of the record before it was changed.",
                        entry.Sequence);
                if (!string.Equals(AuditHash.Compute(entry.PreviousHash, entry.CanonicalRecord), entry.Hash, StringComparison.Ordinal))
                    return Broken(number, AuditArchiveBreakKind.Altered,
                        $"Archive block {N(number)} is broken at record {N(entry.Sequence)}: its content was changed after it was written.",
                        entry.Sequence);
                lastSequence = entry.Sequence;
                lastHash = entry.Hash;
                records++;
            }

            if (!string.Equals(block.ComputeBlockHash(), block.BlockHash, StringComparison.Ordinal))
                return Broken(number, AuditArchiveBreakKind.Altered,
                    $"Archive block {N(number)} does not match its block hash: its header or closing line was changed.");
            lastBlockHash = block.BlockHash;
            blocks++;
        }

        return new AuditArchiveVerificationResult
        {
            BlockCount = blocks,
            RecordCount = records,
            LastSequence = records == 0 ? null : lastSequence,
            LastHash = lastHash,
            LastBlockHash = lastBlockHash,
            Message = blocks == 0
                ? "The audit archive has no blocks yet."
                : $"The audit archive is intact: {AuditVerificationResult.Count(blocks, "block")}, {AuditVerificationResult.Count(records, "record")}, up to record {N(lastSequence)}.",
        };
    }

    private static string N(long n) => AuditVerificationResult.Number(n);
}
