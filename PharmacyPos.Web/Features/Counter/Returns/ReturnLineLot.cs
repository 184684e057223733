using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>
/// Which stock lot returned units of a sale line came from, decided when the return is recorded (before any refund)
/// and put back into stock when it completes. Damaged units are counted against their lot too, but not put back:
/// later returns of the same line then never send more units to a lot than the sale took from it.
/// </summary>
public sealed class ReturnLineLot
{
    private ReturnLineLot() { }

    public ReturnLineLot(Guid returnLineId, Guid lotId, int quantity, bool restock)
    {
        if (quantity <= 0)
            throw new ArgumentOutOfRangeException(nameof(quantity), "At least one unit comes back from a lot.");
        ReturnLineId = returnLineId;
        LotId = lotId;
        Quantity = quantity;
        Restock = restock;
    }

    public Guid ReturnLineId { get; private set; }
    public Guid LotId { get; private set; }
    public int Quantity { get; private set; }
    /// <summary>The units go back on the shelf (they are not damaged).</summary>
    public bool Restock { get; private set; }
}

internal sealed class ReturnLineLotConfiguration : IEntityTypeConfiguration<ReturnLineLot>
{
    public void Configure(EntityTypeBuilder<ReturnLineLot> b)
    {
        b.ToTable("return_line_lots", t => t.HasCheckConstraint("ck_return_line_lots_quantity_positive", "quantity > 0"));
        b.HasKey(x => new { x.ReturnLineId, x.LotId });
        b.HasOne<ReturnLine>().WithMany().HasForeignKey(x => x.ReturnLineId).OnDelete(DeleteBehavior.Cascade);
        // A lot that units were returned into is never deleted from under its return.
        b.HasOne<StockLot>().WithMany().HasForeignKey(x => x.LotId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.LotId);
    }
}
