using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Compliance;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

/// <summary>The listed-chemical logbook (21 CFR 1314.30): kept at least two years, searched by purchaser across the chain.</summary>
internal sealed class LogbookEntryConfiguration : IEntityTypeConfiguration<LogbookEntry>
{
    public void Configure(EntityTypeBuilder<LogbookEntry> b)
    {
        b.ToTable("listed_chemical_logbook");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProductName).HasMaxLength(PharmacyPos.Domain.Catalog.Product.NameMaxLength);
        b.Property(x => x.Chemical).HasConversion<string>().HasMaxLength(24);
        // Exact grams of base: salt milligrams (3 decimals) x base factor (5 decimals) / 1000, never rounded.
        b.Property(x => x.BaseGrams).HasPrecision(20, 11);
        b.Property(x => x.SignatureReference).HasMaxLength(64);
        b.OwnsOne(x => x.Purchaser, PhotoIdColumns);
        b.Navigation(x => x.Purchaser).IsRequired();
        b.HasIndex(x => x.At);
        b.HasIndex(x => x.SaleId);
    }

    internal static void PhotoIdColumns<TOwner>(OwnedNavigationBuilder<TOwner, PhotoId> p) where TOwner : class
    {
        p.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
        p.Property(x => x.Number).HasMaxLength(PhotoId.NumberMaxLength);
        p.Property(x => x.IssuedBy).HasMaxLength(PhotoId.IssuedByMaxLength);
        p.Property(x => x.FullName).HasMaxLength(PhotoId.NameMaxLength);
        p.Property(x => x.Address).HasMaxLength(PhotoId.AddressMaxLength);
        // The chain-wide limits look a purchaser up by ID: issuer, number and date of birth.
        p.HasIndex(x => new { x.IssuedBy, x.Number, x.DateOfBirth });
    }
}

internal sealed class ControlledSaleRecordConfiguration : IEntityTypeConfiguration<ControlledSaleRecord>
{
    public void Configure(EntityTypeBuilder<ControlledSaleRecord> b)
    {
        b.ToTable("controlled_sale_records");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Quantity).HasPrecision(10, 3);
        b.Property(x => x.Measure).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.MeasuredQuantity).HasPrecision(12, 2);
        b.OwnsOne(x => x.Purchaser, LogbookEntryConfiguration.PhotoIdColumns);
        b.HasIndex(x => new { x.ProductId, x.At });
        b.HasIndex(x => x.SaleId);
        b.HasIndex(x => x.PatientId);
    }
}
