using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>One line of a basket as the pricing rules see it.</summary>
/// <param name="UnitPrice">The list price at scan time.</param>
/// <param name="IsPrescription">A prescription fill: never discounted by promotions.</param>
/// <param name="HasPriceOverride">A manager set the price by hand: promotions no longer apply to the line.</param>
public sealed record BasketItem(
    Guid LineId,
    Guid ProductId,
    string Category,
    Money UnitPrice,
    int Quantity,
    bool IsPrescription = false,
    bool HasPriceOverride = false)
{
    public Money Gross => UnitPrice * Quantity;

    /// <summary>Whether promotions may discount this line at all.</summary>
    public bool IsPromotable => !IsPrescription && !HasPriceOverride;
}
