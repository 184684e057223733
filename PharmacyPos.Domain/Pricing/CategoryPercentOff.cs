using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>A percentage off every item of a category ("20% off cough and cold"), rounded to the cent per line.</summary>
public sealed class CategoryPercentOff : PricingRule
{
    private CategoryPercentOff() { }

    public CategoryPercentOff(string name, string category, Percentage percentOff, DateTimeOffset validFrom, DateTimeOffset validTo)
        : base(name, validFrom, validTo)
    {
        if (percentOff.Value <= 0)
            throw new DomainException("A percentage-off promotion takes off more than 0%.");
        Category = RequireCategory(category);
        PercentOff = percentOff;
    }

    public string Category { get; private set; } = "";
    public Percentage PercentOff { get; private set; }

    public override IReadOnlyDictionary<Guid, Money> DiscountsFor(IReadOnlyList<BasketItem> items, bool loyaltyMember) =>
        items.Where(i => SameCategory(i.Category, Category))
            .ToDictionary(i => i.LineId, i => i.Gross.Percent(PercentOff));
}
