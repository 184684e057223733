using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => x.Gtin).IsUnique();
        b.HasIndex(x => x.Ndc);
        b.Property(x => x.Name).HasMaxLength(Product.NameMaxLength);
        b.HasIndex(x => x.Name);
        b.Property(x => x.Strength).HasMaxLength(Product.TextMaxLength);
        b.Property(x => x.DosageForm).HasMaxLength(Product.TextMaxLength);
        b.Property(x => x.Category).HasMaxLength(Product.TextMaxLength);
        b.Property(x => x.TaxClass).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(8);
        b.Ignore(x => x.BehindCounter);
        b.Ignore(x => x.IsDrug);
        b.OwnsOne(x => x.ListedChemical, c =>
        {
            c.Property(x => x.Chemical).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.Salt).HasMaxLength(40);
            c.Property(x => x.SaltMilligramsPerPackage).HasPrecision(10, 3);
            c.Property(x => x.BaseFactor).HasPrecision(6, 5);
            c.Ignore(x => x.BaseGramsPerPackage);
            c.Ignore(x => x.BaseMilligramsPerPackage);
        });
        b.OwnsOne(x => x.ScheduleV, c =>
        {
            c.Property(x => x.Measure).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.PerPackage).HasPrecision(10, 2);
        });
    }
}
