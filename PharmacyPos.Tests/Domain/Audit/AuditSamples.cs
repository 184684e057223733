using System.Globalization;
using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Tests.Domain.Audit;

/// <summary>Saved audit records and their chain, made the same way every run.</summary>
internal static class AuditSamples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);
    public static readonly Guid Branch = Guid.Parse("0195a3c4-0000-7000-8000-000000000001");

    public static Guid IdFor(long sequence) => Guid.Parse($"0195a3c4-0000-7000-8000-{sequence.ToString("D12", CultureInfo.InvariantCulture)}");

    /// <summary>A record as read back from the database at the given sequence.</summary>
    public static AuditEvent Saved(long sequence, string userName = "Dana Reyes", string? reason = null) =>
        AuditEvent.Restore(
            sequence, IdFor(sequence), Start.AddSeconds(sequence), IdFor(1_000_000 + sequence % 7), userName,
            "Cashier", Branch, "R2", sequence % 5 == 0 ? AuditEventTypes.LineVoided : AuditEventTypes.SaleCompleted,
            "Sale", $"S-{sequence}", null, $"{{\"total\":\"{sequence}.99\"}}",
            reason ?? (sequence % 5 == 0 ? "Customer changed their mind" : null), null, null, null, null, null);

    /// <summary>The same record's content at another sequence (what a row swap in the table does).</summary>
    public static AuditEvent Moved(AuditEvent e, long sequence) =>
        AuditEvent.Restore(
            sequence, e.Id, e.OccurredAt, e.UserId, e.UserName, e.Role, e.BranchId, e.Register, e.EventType,
            e.EntityType, e.EntityId, e.Before, e.After, e.Reason, e.ApprovedByUserId, e.ApprovedByName,
            e.PatientId, e.ProductId, e.DeaSchedule);

    public static AuditEvent WithReason(AuditEvent e, string reason) =>
        AuditEvent.Restore(
            e.Sequence, e.Id, e.OccurredAt, e.UserId, e.UserName, e.Role, e.BranchId, e.Register, e.EventType,
            e.EntityType, e.EntityId, e.Before, e.After, reason, e.ApprovedByUserId, e.ApprovedByName,
            e.PatientId, e.ProductId, e.DeaSchedule);

    public static List<AuditEvent> Events(IEnumerable<long> sequences) => sequences.Select(s => Saved(s)).ToList();

    public static List<AuditChainLink> Chain(IEnumerable<AuditEvent> events) =>
        AuditChain.Extend(null, events, Start.AddDays(1)).ToList();

    /// <summary>Records 1..count, streamed: nothing is kept.</summary>
    public static IEnumerable<AuditEvent> Stream(long count)
    {
        for (long s = 1; s <= count; s++) yield return Saved(s);
    }

    /// <summary>The chain over <see cref="Stream"/>, streamed too.</summary>
    public static IEnumerable<AuditChainLink> StreamChain(long count)
    {
        AuditChainLink? head = null;
        foreach (var e in Stream(count))
        {
            head = AuditChain.Extend(head, [e], Start.AddDays(1))[0];
            yield return head;
        }
    }

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
