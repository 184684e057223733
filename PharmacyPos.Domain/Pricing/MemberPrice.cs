using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>A lower unit price for one product, for loyalty members only.</summary>
public sealed class MemberPrice : PricingRule
{
    private MemberPrice() { }

    public MemberPrice(string name, Guid productId, Money unitPrice, DateTimeOffset validFrom, DateTimeOffset validTo)
        : base(name, validFrom, validTo)
    {
        if (unitPrice.IsNegative)
            throw new DomainException("A member price cannot be negative.");
        ProductId = productId;
        UnitPrice = unitPrice;
    }

    public Guid ProductId { get; private set; }
    public Money UnitPrice { get; private set; }

    /// <summary>Takes the difference to the member price off each unit; a member price above the list price gives nothing.</summary>
    public override IReadOnlyDictionary<Guid, Money> DiscountsFor(IReadOnlyList<BasketItem> items, bool loyaltyMember) =>
        !loyaltyMember
            ? new Dictionary<Guid, Money>()
            : items.Where(i => i.ProductId == ProductId && i.UnitPrice > UnitPrice)
                .ToDictionary(i => i.LineId, i => (i.UnitPrice - UnitPrice) * i.Quantity);
}
