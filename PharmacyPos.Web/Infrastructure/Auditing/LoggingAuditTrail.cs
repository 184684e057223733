using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

// Interim: writes audit entries to the log until the hash-chained audit table lands.
internal sealed class LoggingAuditTrail(ILogger<LoggingAuditTrail> logger) : IAuditTrail
{
    public void Stage(PosDbContext db, AuditActor actor, AuditEntry entry) =>
        logger.LogInformation("Audit {EventType} by {User}: {Entity} {Id} {Reason}", entry.EventType, actor.UserName, entry.EntityType, entry.EntityId, entry.Reason);

    public Task RecordAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Stage(null!, actor, entry);
        return Task.CompletedTask;
    }
}
