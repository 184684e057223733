using System.Globalization;

namespace PharmacyPos.Domain.Audit;

/// <summary>How the audit trail was found to be broken.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's content (or its link) no longer matches the hash written when it was chained.</summary>
    Edited,
    /// <summary>A chained record is gone.</summary>
    Deleted,
    /// <summary>A record sits inside the chained part of the trail without belonging to the chain.</summary>
    Inserted,
    /// <summary>A record's content now sits at another sequence number.</summary>
    Reordered,
}

/// <summary>One place where the chain is broken, with what was found there.</summary>
public sealed record AuditChainBreak(long Sequence, AuditBreakKind Kind, string Message)
{
    internal static AuditChainBreak Of(long sequence, AuditBreakKind kind, string? detail)
    {
        var what = kind switch
        {
            AuditBreakKind.Edited => "its content was changed after it was written.",
            AuditBreakKind.Deleted => "the record was deleted.",
            AuditBreakKind.Inserted => "a record was added that was not written in turn.",
            AuditBreakKind.Reordered => "records were moved between positions.",
        };
        var message = $"The audit trail is broken at record {AuditVerificationResult.Number(sequence)}: {what}";
        return new(sequence, kind, detail is null ? message : message + " " + detail);
    }
}

/// <summary>The outcome of walking the audit trail's hash chain: every break found, in the order met.</summary>
public sealed record AuditVerificationResult
{
    /// <summary>
    /// Breaks listed in full; a trail rewritten wholesale would otherwise fill the screen and the
    /// memory. <see cref="BreakCount"/> still counts them all.
    /// </summary>
    public const int MaxListedBreaks = 1_000;

    private AuditVerificationResult() { }

    public bool IsIntact => BreakCount == 0;
    /// <summary>Chained records found whole before the first break (all of them when intact).</summary>
    public long VerifiedCount { get; private init; }
    /// <summary>The last chained record found whole before the first break; null when none.</summary>
    public long? LastVerifiedSequence { get; private init; }
    /// <summary>The hash of that record, to compare with the archive's.</summary>
    public string LastVerifiedHash { get; private init; } = AuditHash.Genesis;
    /// <summary>Saved records above the chain's head, waiting to be chained: normal, not a break.</summary>
    public long PendingCount { get; private init; }
    /// <summary>Every break found, in the order the walk met them (at most <see cref="MaxListedBreaks"/>).</summary>
    public IReadOnlyList<AuditChainBreak> Breaks { get; private init; } = [];
    /// <summary>How many breaks were found, listed or not.</summary>
    public long BreakCount { get; private init; }
    /// <summary>The first sequence number where the chain breaks.</summary>
    public long? BrokenAtSequence => Breaks.Count > 0 ? Breaks[0].Sequence : null;
    /// <summary>What the first break is.</summary>
    public AuditBreakKind? Kind => Breaks.Count > 0 ? Breaks[0].Kind : null;
    /// <summary>What was found, for the person checking the trail.</summary>
    public string Message { get; private init; } = "";

    public static AuditVerificationResult Intact(long verifiedCount, long? lastSequence, string lastHash, long pendingCount)
    {
        var message = verifiedCount == 0
            ? "The audit trail has no chained records yet."
            : $"The audit trail is intact: {Count(verifiedCount, "record")} checked, up to record {Number(lastSequence!.Value)}.";
        return new()
        {
            VerifiedCount = verifiedCount,
            LastVerifiedSequence = lastSequence,
            LastVerifiedHash = lastHash,
            PendingCount = pendingCount,
            Message = message + Waiting(pendingCount),
        };
    }

    /// <summary>A broken trail: the whole part before the first break, and every break found.</summary>
    public static AuditVerificationResult Broken(
        IReadOnlyList<AuditChainBreak> breaks, long breakCount, long verifiedCount, long? lastSequence, string lastHash, long pendingCount)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        if (breaks.Count == 0 || breakCount < breaks.Count)
            throw new ArgumentException("A broken trail has at least one break, and counts every break listed.", nameof(breaks));
        var message = breaks[0].Message;
        if (breakCount > 1)
            message += breakCount == 2 ? " 1 more break was found after it." : $" {Number(breakCount - 1)} more breaks were found after it.";
        return new()
        {
            VerifiedCount = verifiedCount,
            LastVerifiedSequence = lastSequence,
            LastVerifiedHash = lastHash,
            PendingCount = pendingCount,
            Breaks = breaks,
            BreakCount = breakCount,
            Message = message + Waiting(pendingCount),
        };
    }

    public bool Equals(AuditVerificationResult? other) =>
        other is not null && VerifiedCount == other.VerifiedCount && LastVerifiedSequence == other.LastVerifiedSequence
        && LastVerifiedHash == other.LastVerifiedHash && PendingCount == other.PendingCount && BreakCount == other.BreakCount
        && Message == other.Message && Breaks.SequenceEqual(other.Breaks);

    public override int GetHashCode() => HashCode.Combine(VerifiedCount, LastVerifiedSequence, LastVerifiedHash, PendingCount, BreakCount, Message);

    private static string Waiting(long pendingCount) => pendingCount switch
    {
        0 => "",
        1 => " 1 newer record is waiting to be chained.",
        _ => $" {Number(pendingCount)} newer records are waiting to be chained.",
    };

    internal static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Count(long n, string thing) => n == 1 ? $"1 {thing}" : $"{Number(n)} {thing}s";
}
