using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Patients;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.ToTable("patients");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FirstName).HasMaxLength(Patient.NameMaxLength);
        b.Property(x => x.LastName).HasMaxLength(Patient.NameMaxLength);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.LoyaltyNumber).HasMaxLength(20);
        b.HasIndex(x => new { x.LastName, x.FirstName, x.DateOfBirth });
        b.HasIndex(x => x.LoyaltyNumber).IsUnique();
        b.Ignore(x => x.FullName);
    }
}
