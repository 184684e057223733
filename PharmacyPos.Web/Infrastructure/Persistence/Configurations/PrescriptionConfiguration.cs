using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Prescriptions;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

internal sealed class PrescriberConfiguration : IEntityTypeConfiguration<Prescriber>
{
    public void Configure(EntityTypeBuilder<Prescriber> b)
    {
        b.ToTable("prescribers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FirstName).HasMaxLength(Prescriber.NameMaxLength);
        b.Property(x => x.LastName).HasMaxLength(Prescriber.NameMaxLength);
        b.HasIndex(x => x.Npi).IsUnique();
        b.HasIndex(x => x.Dea);
    }
}

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> b)
    {
        b.ToTable("prescriptions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Quantity).HasPrecision(10, 3);
        b.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Prescriber>().WithMany().HasForeignKey(x => x.PrescriberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PatientId);
        b.HasMany(x => x.Fills).WithOne().HasForeignKey(x => x.PrescriptionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Fills).HasField("_fills").AutoInclude();
    }
}

internal sealed class FillConfiguration : IEntityTypeConfiguration<Fill>
{
    public void Configure(EntityTypeBuilder<Fill> b)
    {
        b.ToTable("fills");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Quantity).HasPrecision(10, 3);
        b.Property(x => x.BinLocation).HasMaxLength(16);
        b.HasIndex(x => new { x.BranchId, x.Status });
        b.HasIndex(x => x.SaleId);
    }
}

internal sealed class CounselingOfferConfiguration : IEntityTypeConfiguration<CounselingOffer>
{
    public void Configure(EntityTypeBuilder<CounselingOffer> b)
    {
        b.ToTable("counseling_offers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Answer).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Fill>().WithMany().HasForeignKey(x => x.FillId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.FillId);
    }
}
