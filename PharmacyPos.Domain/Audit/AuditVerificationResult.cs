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

/// <summary>The outcome of walking the audit trail's hash chain.</summary>
public sealed record AuditVerificationResult
{
    private AuditVerificationResult() { }

    public bool IsIntact => BrokenAtSequence is null;
    /// <summary>Chained records found whole.</summary>
    public long VerifiedCount { get; private init; }
    /// <summary>The last chained record found whole; null when none.</summary>
    public long? LastVerifiedSequence { get; private init; }
    /// <summary>The hash of that record, to compare with the archive's.</summary>
    public string LastVerifiedHash { get; private init; } = AuditHash.Genesis;
    /// <summary>Saved records above the chain's head, waiting to be chained: normal, not a break.</summary>
    public long PendingCount { get; private init; }
    /// <summary>The first sequence number where the chain breaks.</summary>
    public long? BrokenAtSequence { get; private init; }
    public AuditBreakKind? Kind { get; private init; }
    /// <summary>What was found, for the person checking the trail.</summary>
    public string Message { get; private init; } = "";

    public static AuditVerificationResult Intact(long verifiedCount, long? lastSequence, string lastHash, long pendingCount)
    {
        var message = verifiedCount == 0
            ? "The audit trail has no chained records yet."
            : $"The audit trail is intact: {Count(verifiedCount, "record")} checked, up to record {Number(lastSequence!.Value)}.";
        if (pendingCount > 0)
            message += pendingCount == 1
                ? " 1 newer record is waiting to be chained."
                : $" {Number(pendingCount)} newer records are waiting to be chained.";
        return new()
        {
            VerifiedCount = verifiedCount,
            LastVerifiedSequence = lastSequence,
            LastVerifiedHash = lastHash,
            PendingCount = pendingCount,
            Message = message,
        };
    }

    public static AuditVerificationResult Broken(
        long sequence, AuditBreakKind kind, long verifiedCount, long? lastSequence, string lastHash, string? detail = null)
    {
        var what = kind switch
        {
            AuditBreakKind.Edited => "its content was changed after it was written.",
            AuditBreakKind.Deleted => "the record was deleted.",
            AuditBreakKind.Inserted => "a record was added that was not written in turn.",
            AuditBreakKind.Reordered => "records were moved between positions.",
        };
        var message = $"The audit trail is broken at record {Number(sequence)}: {what}";
        if (detail is not null) message += " " + detail;
        return new()
        {
            VerifiedCount = verifiedCount,
            LastVerifiedSequence = lastSequence,
            LastVerifiedHash = lastHash,
            BrokenAtSequence = sequence,
            Kind = kind,
            Message = message,
        };
    }

    internal static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Count(long n, string thing) => n == 1 ? $"1 {thing}" : $"{Number(n)} {thing}s";
}
