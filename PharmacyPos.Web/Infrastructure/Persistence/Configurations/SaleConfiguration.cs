using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

/// <summary>
/// A committed sale (completed or voided) with its lines and tenders. The id is made at the register
/// before submit; the primary key is what makes a double submit commit once.
/// </summary>
internal sealed class SaleConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> b)
    {
        b.ToTable("sales");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SaleNumber).HasMaxLength(Sale.SaleNumberMaxLength);
        b.HasIndex(x => x.SaleNumber).IsUnique();
        b.Property(x => x.RegisterId).HasMaxLength(Sale.RegisterIdMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.VoidReason).HasMaxLength(Sale.ReasonMaxLength);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BranchId, x.CompletedAt });
        b.HasIndex(x => new { x.BranchId, x.CashierUserId });
        b.HasIndex(x => x.CustomerId);
        b.OwnsOne(x => x.BasketDiscount, DiscountColumns);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey("SaleId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Lines).HasField("_lines").AutoInclude();
        b.HasMany(x => x.Tenders).WithOne().HasForeignKey("SaleId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Tenders).HasField("_tenders").AutoInclude();
        b.Ignore(x => x.ActiveLines);
    }

    internal static void DiscountColumns<TOwner>(OwnedNavigationBuilder<TOwner, Discount> d) where TOwner : class
    {
        d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        d.Property(x => x.Value).HasPrecision(12, 4);
        d.Property(x => x.Reason).HasMaxLength(Discount.ReasonMaxLength);
    }
}

internal sealed class SaleLineConfiguration : IEntityTypeConfiguration<SaleLine>
{
    public void Configure(EntityTypeBuilder<SaleLine> b)
    {
        b.ToTable("sale_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(PharmacyPos.Domain.Catalog.Product.NameMaxLength);
        b.Property(x => x.Category).HasMaxLength(PharmacyPos.Domain.Catalog.Product.TextMaxLength);
        b.Property(x => x.TaxClass).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.PromotionName).HasMaxLength(120);
        b.Property(x => x.VoidReason).HasMaxLength(Sale.ReasonMaxLength);
        // The fill records the sale that picked it up (fills.sale_id); the line keeps the fill id only while the sale is open.
        b.Ignore(x => x.FillId);
        b.HasIndex(x => x.ProductId);
        b.OwnsOne(x => x.Discount, SaleConfiguration.DiscountColumns);
        b.OwnsOne(x => x.PriceOverride, o =>
        {
            o.Property(x => x.Reason).HasMaxLength(PriceOverride.ReasonMaxLength);
        });
    }
}

internal sealed class TenderConfiguration : IEntityTypeConfiguration<Tender>
{
    public void Configure(EntityTypeBuilder<Tender> b)
    {
        b.ToTable("tenders");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CardBrand).HasMaxLength(Tender.BrandMaxLength);
        b.Property(x => x.AuthorizationCode).HasMaxLength(Tender.AuthorizationCodeMaxLength);
        b.Property(x => x.TerminalReference).HasMaxLength(Tender.TerminalReferenceMaxLength);
        b.HasIndex(x => x.TerminalReference);
    }
}

internal sealed class SaleReturnConfiguration : IEntityTypeConfiguration<SaleReturn>
{
    public void Configure(EntityTypeBuilder<SaleReturn> b)
    {
        b.ToTable("sale_returns");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SaleNumber).HasMaxLength(Sale.SaleNumberMaxLength);
        b.Property(x => x.RegisterId).HasMaxLength(Sale.RegisterIdMaxLength);
        b.HasOne<Sale>().WithMany().HasForeignKey(x => x.SaleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BranchId, x.ReturnedAt });
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(SaleReturn.ReasonMaxLength);
        b.HasIndex(x => new { x.SaleId, x.Status });
        b.Ignore(x => x.OutstandingCardRefunds);
        b.Ignore(x => x.GivenToCards);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey("SaleReturnId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Lines).HasField("_lines").AutoInclude();
        // Named as first created: the naming convention's choice depends on the order configurations are applied in.
        b.HasMany(x => x.Refunds).WithOne().HasForeignKey("SaleReturnId").OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_refund_tenders_sale_return_sale_return_id");
        b.Navigation(x => x.Refunds).HasField("_refunds").AutoInclude();
    }
}

internal sealed class ReturnLineConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> b)
    {
        b.ToTable("return_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(PharmacyPos.Domain.Catalog.Product.NameMaxLength);
        b.HasIndex(x => x.SaleLineId);
    }
}

internal sealed class RefundTenderConfiguration : IEntityTypeConfiguration<RefundTender>
{
    public void Configure(EntityTypeBuilder<RefundTender> b)
    {
        b.ToTable("refund_tenders");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.CardBrand).HasMaxLength(Tender.BrandMaxLength);
        b.Property(x => x.TerminalReference).HasMaxLength(Tender.TerminalReferenceMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.IdempotencyKey).HasMaxLength(RefundTender.IdempotencyKeyMaxLength);
        b.Property(x => x.RefundReference).HasMaxLength(Tender.TerminalReferenceMaxLength);
        b.Property(x => x.DeclineMessage).HasMaxLength(RefundTender.MessageMaxLength);
        b.HasIndex(x => x.IdempotencyKey);
        b.Ignore(x => x.IsCard);
        b.Ignore(x => x.Counts);
    }
}
