using System.Security.Claims;
using PharmacyPos.Web.Infrastructure.Persistence;

using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>What happened, as the feature knows it. The trail adds who, where and when.</summary>
public sealed record AuditEntry(string EventType, string EntityType, string? EntityId)
{
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Reason { get; init; }
    public Guid? ApprovedByUserId { get; init; }
    public string? ApprovedByName { get; init; }
    public Guid? PatientId { get; init; }
    public Guid? ProductId { get; init; }
    public int? DeaSchedule { get; init; }
}

/// <summary>Who did it. Taken from the signed-in user, or given explicitly where nobody is signed in yet (a failed sign-in).</summary>
public sealed record AuditActor(Guid? UserId, string UserName, string Role, Guid? BranchId, string? Register)
{
    public static AuditActor From(ClaimsPrincipal user) =>
        new(user.UserId(), user.Identity?.Name ?? "unknown", user.Role(), user.BranchId(), user.RegisterName() is { Length: > 0 } r ? r : null);
}

public interface IAuditTrail
{
    /// <summary>Adds the record to the caller's unit of work: it commits with the sale, refund or change, or not at all.</summary>
    void Stage(PosDbContext db, AuditActor actor, AuditEntry entry);

    /// <summary>Records an event that has no other data to commit with it (a sign-in, a page view).</summary>
    Task RecordAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default);
}
