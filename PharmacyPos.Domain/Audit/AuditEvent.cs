using System.Text.Json;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Audit;

/// <summary>
/// One audit record: who did what, to which record, when and why, with the approving user
/// where one approved. Written once and never changed: the database refuses UPDATE and DELETE
/// on the table, and the hash chain (<see cref="AuditChainLink"/>) shows any change made anyway.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/> is assigned by the database (an identity column) when the record is
/// saved, so concurrent sales never wait on each other to number their records. Before and
/// after are JSON text hashed exactly as stored: keep them in a text column, not jsonb, which
/// would rewrite spacing and key order and so break the hash.
/// </remarks>
public sealed class AuditEvent
{
    public const int EntityTypeMaxLength = 64;
    public const int EntityIdMaxLength = 128;
    public const int ReasonMaxLength = 500;
    public const int ValueMaxLength = 16_000;

    private AuditEvent() { }

    /// <summary>Position in the trail, given by the database; 0 until saved. Gaps are normal (rolled-back transactions).</summary>
    public long Sequence { get; private set; }
    public Guid Id { get; private set; }
    /// <summary>UTC, to the microsecond so that every database keeps it exactly.</summary>
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public Guid? BranchId { get; private set; }
    public string? Register { get; private set; }
    public string EventType { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Reason { get; private set; }
    public Guid? ApprovedByUserId { get; private set; }
    public string? ApprovedByName { get; private set; }
    public Guid? PatientId { get; private set; }
    public Guid? ProductId { get; private set; }
    public int? DeaSchedule { get; private set; }

    /// <summary>Makes a record of an event; the caller adds it to the unit of work that made the change.</summary>
    /// <param name="before">The changed values before, as a JSON object; null when nothing existed or nothing changed.</param>
    /// <param name="after">The changed values after, as a JSON object.</param>
    /// <param name="reason">What the person entered as the reason; required for voids, refunds, overrides and adjustments.</param>
    public static AuditEvent Record(
        DateTimeOffset occurredAt,
        string eventType,
        AuditActor actor,
        string entityType,
        string? entityId = null,
        string? before = null,
        string? after = null,
        string? reason = null,
        AuditActor? approvedBy = null,
        Guid? patientId = null,
        Guid? productId = null,
        int? deaSchedule = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AuditEventTypes.IsKnown(eventType))
            throw new DomainException($"\"{eventType}\" is not a kind of event the audit trail records.");
        var entity = (entityType ?? string.Empty).Trim();
        if (entity.Length is 0 or > EntityTypeMaxLength)
            throw new DomainException($"An audit record names the kind of record it is about in 1 to {EntityTypeMaxLength} characters.");
        var id = string.IsNullOrWhiteSpace(entityId) ? null : entityId.Trim();
        if (id?.Length > EntityIdMaxLength)
            throw new DomainException($"A record id in the audit trail has at most {EntityIdMaxLength} characters.");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null && AuditEventTypes.RequiringReason.Contains(eventType))
            throw new DomainException("Enter the reason before going on: it is kept in the audit trail.");
        if (why?.Length > ReasonMaxLength)
            throw new DomainException($"Keep the reason under {ReasonMaxLength} characters.");
        if (deaSchedule is not null and not (2 or 3 or 4 or 5))
            throw new DomainException($"{deaSchedule} is not a DEA schedule (II to V).");

        return new AuditEvent
        {
            Id = Guid.CreateVersion7(occurredAt),
            OccurredAt = ToStoredPrecision(occurredAt),
            UserId = actor.UserId,
            UserName = actor.UserName,
            Role = actor.Role,
            BranchId = actor.BranchId,
            Register = actor.Register,
            EventType = eventType,
            EntityType = entity,
            EntityId = id,
            Before = CheckJson(before, "before"),
            After = CheckJson(after, "after"),
            Reason = why,
            ApprovedByUserId = approvedBy?.UserId,
            ApprovedByName = approvedBy?.UserName,
            PatientId = patientId,
            ProductId = productId,
            DeaSchedule = deaSchedule,
        };
    }

    /// <summary>
    /// Rebuilds a saved record exactly as read back from storage, sequence included; no rule is
    /// checked, because a record that was written must be hashed as it is, even if today's rules differ.
    /// </summary>
    public static AuditEvent Restore(
        long sequence, Guid id, DateTimeOffset occurredAt, Guid? userId, string userName, string role,
        Guid? branchId, string? register, string eventType, string entityType, string? entityId,
        string? before, string? after, string? reason, Guid? approvedByUserId, string? approvedByName,
        Guid? patientId, Guid? productId, int? deaSchedule) => new()
        {
            Sequence = sequence,
            Id = id,
            OccurredAt = occurredAt,
            UserId = userId,
            UserName = userName,
            Role = role,
            BranchId = branchId,
            Register = register,
            EventType = eventType,
            EntityType = entityType,
            EntityId = entityId,
            Before = before,
            After = after,
            Reason = reason,
            ApprovedByUserId = approvedByUserId,
            ApprovedByName = approvedByName,
            PatientId = patientId,
            ProductId = productId,
            DeaSchedule = deaSchedule,
        };

    // PostgreSQL keeps timestamps to the microsecond; trimming here makes the value hashed
    // after a round trip through any provider the same as the value recorded.
    private static DateTimeOffset ToStoredPrecision(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    private static string? CheckJson(string? json, string which)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        if (json.Length > ValueMaxLength)
            throw new DomainException($"The {which} values of an audit record are limited to {ValueMaxLength:N0} characters.");
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DomainException($"The {which} values of an audit record must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new DomainException($"The {which} values of an audit record are not valid JSON.");
        }
        return json;
    }
}
