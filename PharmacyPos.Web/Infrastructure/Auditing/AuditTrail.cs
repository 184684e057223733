using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// Appends audit records. Appending takes no lock: the database numbers each record, and the
/// <see cref="AuditChainer"/> seals them into the hash chain afterwards, in order.
/// </summary>
internal sealed class AuditTrail(IDbContextFactory<PosDbContext> factory, TimeProvider time) : IAuditTrail
{
    public AuditEvent Stage(PosDbContext db, AuditActor actor, AuditEntry entry)
    {
        var record = AuditEvent.Record(time.GetUtcNow(), entry.EventType, actor, entry.EntityType, entry.EntityId,
            entry.Before, entry.After, entry.Reason, entry.ApprovedBy, entry.PatientId, entry.ProductId, entry.DeaSchedule);
        db.Add(record);
        return record;
    }

    public async Task RecordAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Stage(db, actor, entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
