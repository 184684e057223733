using System.Security.Claims;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>What happened, as the feature knows it. The trail adds when; the caller says who.</summary>
public sealed record AuditEntry(string EventType, string EntityType, string? EntityId)
{
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Reason { get; init; }
    public AuditActor? ApprovedBy { get; init; }
    public Guid? PatientId { get; init; }
    public Guid? ProductId { get; init; }
    public int? DeaSchedule { get; init; }
}

public static class AuditActors
{
    /// <summary>The signed-in member of staff, at their branch and register.</summary>
    public static AuditActor From(ClaimsPrincipal user) =>
        new(user.UserId(), user.Identity?.Name is { Length: > 0 } name ? name : "unknown", user.Role(), user.BranchId(),
            user.RegisterName() is { Length: > 0 } register ? register : null);
}

public interface IAuditTrail
{
    /// <summary>Adds the record to the caller's unit of work: it commits with the sale, refund or change, or not at all.</summary>
    AuditEvent Stage(PosDbContext db, AuditActor actor, AuditEntry entry);

    /// <summary>Records an event that has no other data to commit with it (a sign-in, a record viewed).</summary>
    Task RecordAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default);
}
