using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Inventory;

/// <summary>
/// Units of one product from one manufacturer's lot, on the shelf at one branch.
/// Quantity never goes below zero; the database enforces the same with a check constraint
/// and a conditional decrement, so two registers cannot both sell the last unit.
/// </summary>
public sealed class StockLot : Entity
{
    public const int LotNumberMaxLength = 20;

    private StockLot() { }

    public StockLot(Guid branchId, Guid productId, string lotNumber, DateOnly expiry, int quantityOnHand)
    {
        var lot = (lotNumber ?? string.Empty).Trim();
        if (lot.Length is 0 or > LotNumberMaxLength)
            throw new DomainException($"A lot number has 1 to {LotNumberMaxLength} characters.");
        if (quantityOnHand < 0)
            throw new DomainException("Quantity on hand cannot be negative.");
        BranchId = branchId;
        ProductId = productId;
        LotNumber = lot;
        Expiry = expiry;
        QuantityOnHand = quantityOnHand;
    }

    public Guid BranchId { get; private set; }
    public Guid ProductId { get; private set; }
    public string LotNumber { get; private set; } = "";
    /// <summary>Last day the lot may be sold (the label's expiry; month-only dates are the month's last day).</summary>
    public DateOnly Expiry { get; private set; }
    public int QuantityOnHand { get; private set; }

    public bool IsExpiredOn(DateOnly today) => Expiry < today;

    public void Remove(int quantity)
    {
        if (quantity <= 0) throw new DomainException("Remove at least one unit.");
        if (quantity > QuantityOnHand)
            throw new DomainException($"Lot {LotNumber} has only {QuantityOnHand} left.");
        QuantityOnHand -= quantity;
    }

    public void Add(int quantity)
    {
        if (quantity <= 0) throw new DomainException("Add at least one unit.");
        QuantityOnHand += quantity;
    }
}
