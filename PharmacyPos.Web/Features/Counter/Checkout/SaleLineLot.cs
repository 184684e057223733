using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>
/// Which stock lot the units of a sale line came from, written with the sale. A line may draw on several lots
/// (first-expiry-first-out ran one dry); a return puts units back into the lot they came from, and a recall
/// finds who bought from a lot.
/// </summary>
public sealed class SaleLineLot
{
    private SaleLineLot() { }

    public SaleLineLot(Guid saleLineId, Guid lotId, int quantity)
    {
        if (quantity <= 0)
            throw new ArgumentOutOfRangeException(nameof(quantity), "A line takes at least one unit from a lot.");
        SaleLineId = saleLineId;
        LotId = lotId;
        Quantity = quantity;
    }

    public Guid SaleLineId { get; private set; }
    public Guid LotId { get; private set; }
    public int Quantity { get; private set; }
}

internal sealed class SaleLineLotConfiguration : IEntityTypeConfiguration<SaleLineLot>
{
    public void Configure(EntityTypeBuilder<SaleLineLot> b)
    {
        b.ToTable("sale_line_lots", t => t.HasCheckConstraint("ck_sale_line_lots_quantity_positive", "quantity > 0"));
        b.HasKey(x => new { x.SaleLineId, x.LotId });
        b.HasOne<SaleLine>().WithMany().HasForeignKey(x => x.SaleLineId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StockLot>().WithMany().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.LotId);
    }
}
