using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Pricing;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

/// <summary>Promotions in one table, one row per rule, told apart by kind.</summary>
internal sealed class PricingRuleConfiguration : IEntityTypeConfiguration<PricingRule>
{
    public void Configure(EntityTypeBuilder<PricingRule> b)
    {
        b.ToTable("pricing_rules");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(120);
        b.HasIndex(x => new { x.ValidFrom, x.ValidTo });
        b.HasDiscriminator<string>("kind")
            .HasValue<CategoryPercentOff>("category_percent_off")
            .HasValue<BuyXGetY>("buy_x_get_y")
            .HasValue<MemberPrice>("member_price");
        b.Property<string>("kind").HasMaxLength(32);
    }
}

internal sealed class CategoryPercentOffConfiguration : IEntityTypeConfiguration<CategoryPercentOff>
{
    public void Configure(EntityTypeBuilder<CategoryPercentOff> b) =>
        b.Property(x => x.Category).HasColumnName("category").HasMaxLength(PharmacyPos.Domain.Catalog.Product.TextMaxLength);
}

internal sealed class BuyXGetYConfiguration : IEntityTypeConfiguration<BuyXGetY>
{
    public void Configure(EntityTypeBuilder<BuyXGetY> b)
    {
        b.Property(x => x.Category).HasColumnName("category").HasMaxLength(PharmacyPos.Domain.Catalog.Product.TextMaxLength);
        b.Property(x => x.ProductId).HasColumnName("product_id");
    }
}

internal sealed class MemberPriceConfiguration : IEntityTypeConfiguration<MemberPrice>
{
    public void Configure(EntityTypeBuilder<MemberPrice> b) =>
        b.Property(x => x.ProductId).HasColumnName("product_id");
}
