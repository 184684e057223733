using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

/// <summary>
/// Audit records are insert-only; the database assigns the sequence (identity), so registers append
/// without waiting for each other. Before/After are plain text, never jsonb: jsonb rewrites spacing and key
/// order, which would change what was hashed. PostgreSQL refuses UPDATE and DELETE with a trigger (see migration).
/// </summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(x => x.Sequence);
        b.Property(x => x.Sequence).ValueGeneratedOnAdd();
        b.HasAlternateKey(x => x.Id);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Register).HasMaxLength(32);
        b.Property(x => x.EventType).HasMaxLength(AuditEventTypes.MaxLength);
        b.Property(x => x.EntityType).HasMaxLength(AuditEvent.EntityTypeMaxLength);
        b.Property(x => x.EntityId).HasMaxLength(AuditEvent.EntityIdMaxLength);
        b.Property(x => x.Reason).HasMaxLength(AuditEvent.ReasonMaxLength);
        b.Property(x => x.ApprovedByName).HasMaxLength(256);
        b.Property(x => x.Before).HasMaxLength(AuditEvent.ValueMaxLength);
        b.Property(x => x.After).HasMaxLength(AuditEvent.ValueMaxLength);
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => new { x.BranchId, x.OccurredAt });
        b.HasIndex(x => new { x.UserId, x.OccurredAt });
        b.HasIndex(x => new { x.EventType, x.OccurredAt });
        b.HasIndex(x => x.PatientId);
        b.HasIndex(x => x.ProductId);
    }
}

internal sealed class AuditChainLinkConfiguration : IEntityTypeConfiguration<AuditChainLink>
{
    public void Configure(EntityTypeBuilder<AuditChainLink> b)
    {
        b.ToTable("audit_chain_links");
        b.HasKey(x => x.Sequence);
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(x => x.PreviousSequence).IsUnique();
    }
}
