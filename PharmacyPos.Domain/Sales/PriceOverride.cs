using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// A unit price set by hand in place of the list price (a shelf tag that disagrees with the system, a damaged box),
/// approved by a manager. It may be above or below the list price, never negative.
/// </summary>
public sealed record PriceOverride
{
    public const int ReasonMaxLength = 200;

    private PriceOverride() { }

    public PriceOverride(decimal unitPrice, string reason, Guid approvedByUserId)
    {
        var price = Money.Exact(unitPrice);
        if (price.IsNegative)
            throw new DomainException("A price cannot be negative.");
        var r = (reason ?? string.Empty).Trim();
        if (r.Length == 0)
            throw new DomainException("Give a reason for the price change.");
        if (r.Length > ReasonMaxLength)
            throw new DomainException($"A reason is at most {ReasonMaxLength} characters.");
        if (approvedByUserId == Guid.Empty)
            throw new DomainException("A manager must approve a price change.");
        UnitPrice = price;
        Reason = r;
        ApprovedByUserId = approvedByUserId;
    }

    public Money UnitPrice { get; private init; }
    public string Reason { get; private init; } = "";
    public Guid ApprovedByUserId { get; private init; }
}
