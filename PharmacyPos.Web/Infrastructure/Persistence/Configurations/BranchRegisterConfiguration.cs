using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Branches;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

internal sealed class BranchRegisterConfiguration : IEntityTypeConfiguration<BranchRegister>
{
    public void Configure(EntityTypeBuilder<BranchRegister> b)
    {
        b.ToTable("registers");
        b.HasKey(x => new { x.BranchId, x.Code });
        b.Property(x => x.Code).HasMaxLength(BranchRegister.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(BranchRegister.NameMaxLength);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Cascade);
    }
}
