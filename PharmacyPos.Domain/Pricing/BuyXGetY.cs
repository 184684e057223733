using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>
/// "Buy X, get Y free" or "buy X, get Y at N% off" over the qualifying units of the basket
/// (one product, or every product of a category, mixed across lines).
/// <para>
/// For every full set of X + Y qualifying units, Y units get the discount, and they are the
/// cheapest qualifying units of the whole basket (the shelf tag's "lowest priced item free").
/// Between units of the same price, the later line's units are discounted first.
/// The discount on a line is its discounted units times its unit price times the percentage,
/// rounded to the cent once for the line.
/// </para>
/// </summary>
public sealed class BuyXGetY : PricingRule
{
    public const int MaxUnits = 99;

    private BuyXGetY() { }

    private BuyXGetY(string name, Guid? productId, string? category, int buyQuantity, int getQuantity, Percentage getPercentOff,
        DateTimeOffset validFrom, DateTimeOffset validTo)
        : base(name, validFrom, validTo)
    {
        if (buyQuantity is < 1 or > MaxUnits || getQuantity is < 1 or > MaxUnits)
            throw new DomainException($"Buy and get quantities are between 1 and {MaxUnits}.");
        if (getPercentOff.Value <= 0)
            throw new DomainException("The units the customer gets must be free or cheaper (more than 0% off).");
        ProductId = productId;
        Category = category;
        BuyQuantity = buyQuantity;
        GetQuantity = getQuantity;
        GetPercentOff = getPercentOff;
    }

    /// <summary>Buy X of one product, get Y of the same product free or at a percentage off.</summary>
    public static BuyXGetY OnProduct(string name, Guid productId, int buyQuantity, int getQuantity, Percentage getPercentOff,
        DateTimeOffset validFrom, DateTimeOffset validTo) =>
        new(name, productId, null, buyQuantity, getQuantity, getPercentOff, validFrom, validTo);

    /// <summary>Buy X of a category, get Y of the same category (the cheapest) free or at a percentage off.</summary>
    public static BuyXGetY OnCategory(string name, string category, int buyQuantity, int getQuantity, Percentage getPercentOff,
        DateTimeOffset validFrom, DateTimeOffset validTo) =>
        new(name, null, RequireCategory(category), buyQuantity, getQuantity, getPercentOff, validFrom, validTo);

    public Guid? ProductId { get; private set; }
    public string? Category { get; private set; }
    public int BuyQuantity { get; private set; }
    public int GetQuantity { get; private set; }
    /// <summary>100% means the units are free.</summary>
    public Percentage GetPercentOff { get; private set; }

    private bool Qualifies(BasketItem item) =>
        ProductId is { } productId ? item.ProductId == productId : SameCategory(item.Category, Category!);

    public override IReadOnlyDictionary<Guid, Money> DiscountsFor(IReadOnlyList<BasketItem> items, bool loyaltyMember)
    {
        var qualifying = items.Where(Qualifies).ToList();
        var units = qualifying.Sum(i => i.Quantity);
        var discountedUnits = units / (BuyQuantity + GetQuantity) * GetQuantity;

        var result = new Dictionary<Guid, Money>();
        var byPrice = qualifying
            .Select((item, index) => (item, index))
            .OrderBy(x => x.item.UnitPrice)
            .ThenByDescending(x => x.index);
        foreach (var (item, _) in byPrice)
        {
            if (discountedUnits == 0)
                break;
            var count = Math.Min(discountedUnits, item.Quantity);
            discountedUnits -= count;
            var discount = Money.Of(item.UnitPrice.Amount * count * GetPercentOff.Fraction);
            if (!discount.IsZero)
                result[item.LineId] = discount;
        }
        return result;
    }
}
