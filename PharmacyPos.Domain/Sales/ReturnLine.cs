using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>Units of one sale line that came back, and what was refunded for them.</summary>
public sealed class ReturnLine : Entity
{
    private ReturnLine() { }

    internal ReturnLine(SaleLine line, int quantity, bool damaged, Money refundAmount, Money refundTax)
    {
        SaleLineId = line.Id;
        ProductId = line.ProductId;
        LotId = line.LotId;
        Name = line.Name;
        Quantity = quantity;
        Damaged = damaged;
        RefundAmount = refundAmount;
        RefundTax = refundTax;
    }

    public Guid SaleLineId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid? LotId { get; private set; }
    public string Name { get; private set; } = "";
    public int Quantity { get; private set; }
    public bool Damaged { get; private set; }
    /// <summary>The units go back into stock (they are not damaged).</summary>
    public bool Restock => !Damaged;
    /// <summary>Refunded for the goods, before tax.</summary>
    public Money RefundAmount { get; private set; }
    /// <summary>Refunded tax.</summary>
    public Money RefundTax { get; private set; }
    public Money Refund => RefundAmount + RefundTax;
}
