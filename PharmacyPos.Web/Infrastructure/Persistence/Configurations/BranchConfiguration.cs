using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Branches;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

internal sealed class BranchConfiguration : IEntityTypeConfiguration<Branch>
{
    public void Configure(EntityTypeBuilder<Branch> b)
    {
        b.ToTable("branches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(Branch.CodeMaxLength);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(Branch.NameMaxLength);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.StateCode).HasMaxLength(2);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.Ignore(x => x.TimeZone);
        b.OwnsOne(x => x.Policy, p =>
        {
            p.Property(x => x.ListedChemicalDailyGrams).HasPrecision(6, 3);
            p.Property(x => x.ListedChemicalThirtyDayGrams).HasPrecision(6, 3);
            p.Property(x => x.Counseling).HasConversion<string>().HasMaxLength(40);
            p.Property(x => x.RefundApprovalThreshold).HasPrecision(12, 2);
            p.Property(x => x.ScheduleVOtcOpiumMilliliters).HasPrecision(8, 2);
            p.Property(x => x.ScheduleVOtcOtherMilliliters).HasPrecision(8, 2);
            p.Ignore(x => x.ScheduleVOtcLimits);
            p.Ignore(x => x.ListedChemicalThirtyDayGramsInForce);
        });
        b.Navigation(x => x.Policy).IsRequired();
        b.OwnsMany(x => x.TaxRates, t =>
        {
            t.ToTable("branch_tax_rates");
            t.WithOwner().HasForeignKey("BranchId");
            t.HasKey("BranchId", nameof(BranchTaxRate.TaxClass));
            t.Property(x => x.TaxClass).HasConversion<string>().HasMaxLength(20);
        });
        b.Navigation(x => x.TaxRates).HasField("_taxRates");
    }
}
