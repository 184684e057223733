using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;

namespace PharmacyPos.Web.Infrastructure.Persistence.Configurations;

internal sealed class StockLotConfiguration : IEntityTypeConfiguration<StockLot>
{
    public void Configure(EntityTypeBuilder<StockLot> b)
    {
        b.ToTable("stock_lots", t => t.HasCheckConstraint("ck_stock_lots_quantity_not_negative", "quantity_on_hand >= 0"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LotNumber).HasMaxLength(StockLot.LotNumberMaxLength);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        // First-expiry-first-out picks lots of one product at one branch by expiry.
        b.HasIndex(x => new { x.BranchId, x.ProductId, x.Expiry });
        b.HasIndex(x => new { x.BranchId, x.ProductId, x.LotNumber }).IsUnique();
    }
}
