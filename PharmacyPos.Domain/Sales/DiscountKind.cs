namespace PharmacyPos.Domain.Sales;

public enum DiscountKind
{
    /// <summary>A dollar amount off.</summary>
    Amount,
    /// <summary>A percentage off.</summary>
    Percentage,
}
