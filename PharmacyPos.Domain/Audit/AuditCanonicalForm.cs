using System.Globalization;
using System.Text;

namespace PharmacyPos.Domain.Audit;

/// <summary>
/// The text of an audit record that its hash is taken over. It is a JSON object in the
/// JSON Canonicalization Scheme (RFC 8785): no whitespace, members sorted by name (§3.2.3),
/// strings escaped only where JSON requires it (§3.2.2.2), so any JCS library yields the same text.
/// Every member is always present, null when empty:
/// <code>
/// after, approvedByName, approvedByUserId, before, branchId, deaSchedule, entityId, entityType,
/// eventType, id, occurredAt, patientId, productId, reason, register, role, sequence, userId, userName, v
/// </code>
/// Ids are lowercase GUIDs ("D" format); <c>occurredAt</c> is UTC in ISO 8601 with seven
/// fractional digits ("O" format, e.g. <c>2025-03-14T15:09:26.5358970Z</c>); <c>before</c> and
/// <c>after</c> are the stored JSON texts as strings, exactly as written; <c>v</c> is the form's version, 1.
/// </summary>
public static class AuditCanonicalForm
{
    public const int Version = 1;

    /// <summary>The member names in the order they are written; RFC 8785 order (UTF-16 code units).</summary>
    public static readonly IReadOnlyList<string> MemberNames =
    [
        "after", "approvedByName", "approvedByUserId", "before", "branchId", "deaSchedule", "entityId",
        "entityType", "eventType", "id", "occurredAt", "patientId", "productId", "reason", "register",
        "role", "sequence", "userId", "userName", "v",
    ];

    public static string Serialize(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return Serialize(auditEvent, auditEvent.Sequence);
    }

    /// <summary>The form the record would have at another sequence: how a record moved between positions is recognised.</summary>
    internal static string Serialize(AuditEvent e, long sequence)
    {
        var json = new StringBuilder(512);
        json.Append('{');
        Member(json, "after", e.After);
        Member(json, "approvedByName", e.ApprovedByName);
        Member(json, "approvedByUserId", e.ApprovedByUserId);
        Member(json, "before", e.Before);
        Member(json, "branchId", e.BranchId);
        Member(json, "deaSchedule", e.DeaSchedule);
        Member(json, "entityId", e.EntityId);
        Member(json, "entityType", e.EntityType);
        Member(json, "eventType", e.EventType);
        Member(json, "id", e.Id);
        Member(json, "occurredAt", e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Member(json, "patientId", e.PatientId);
        Member(json, "productId", e.ProductId);
        Member(json, "reason", e.Reason);
        Member(json, "register", e.Register);
        Member(json, "role", e.Role);
        Member(json, "sequence", sequence);
        Member(json, "userId", e.UserId);
        Member(json, "userName", e.UserName);
        Member(json, "v", Version);
        json[^1] = '}';
        return json.ToString();
    }

    private static void Name(StringBuilder json, string name) => json.Append('"').Append(name).Append("\":");

    private static void Member(StringBuilder json, string name, string? value)
    {
        Name(json, name);
        if (value is null) json.Append("null");
        else AppendString(json, value);
        json.Append(',');
    }

    private static void Member(StringBuilder json, string name, Guid? value) =>
        Member(json, name, value?.ToString("D"));

    private static void Member(StringBuilder json, string name, long? value)
    {
        Name(json, name);
        // Integers below 2^53 print the same in ECMAScript's Number.prototype.toString (RFC 8785 §3.2.2.3).
        json.Append(value is null ? "null" : value.Value.ToString(CultureInfo.InvariantCulture));
        json.Append(',');
    }

    /// <summary>RFC 8785 §3.2.2.2: escape '"', '\' and U+0000..U+001F (\b \t \n \f \r by name, the rest as lowercase \u00hh); all else as is.</summary>
    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\t': json.Append("\\t"); break;
                case '\n': json.Append("\\n"); break;
                case '\f': json.Append("\\f"); break;
                case '\r': json.Append("\\r"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        json.Append('"');
    }
}
