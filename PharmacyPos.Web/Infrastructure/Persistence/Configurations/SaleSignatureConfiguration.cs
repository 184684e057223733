using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Web.Features.Pharmacy.Checkout;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

/// <summary>Signatures from the pad, kept with the logbook entries they sign (two years at least, like the logbook).</summary>
internal sealed class SaleSignatureConfiguration : IEntityTypeConfiguration<SaleSignature>
{
    public void Configure(EntityTypeBuilder<SaleSignature> b)
    {
        b.ToTable("sale_signatures");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Format).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Data);
        b.Ignore(x => x.Reference);
        b.HasIndex(x => x.SaleId).IsUnique();
    }
}
