using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>
/// A promotion the chain runs for a time: valid from <see cref="ValidFrom"/> (included) to
/// <see cref="ValidTo"/> (excluded), both instants in UTC, so a promotion ending at midnight
/// ends at the same instant at every register whatever its clock's zone.
/// </summary>
public abstract class PricingRule : Entity
{
    public const int NameMaxLength = 80;

    protected PricingRule() { }

    protected PricingRule(string name, DateTimeOffset validFrom, DateTimeOffset validTo)
    {
        var n = (name ?? string.Empty).Trim();
        if (n.Length == 0)
            throw new DomainException("A promotion needs a name the receipt can show.");
        if (n.Length > NameMaxLength)
            throw new DomainException($"A promotion name is at most {NameMaxLength} characters.");
        if (validTo <= validFrom)
            throw new DomainException("A promotion must end after it starts.");
        Name = n;
        ValidFrom = validFrom.ToUniversalTime();
        ValidTo = validTo.ToUniversalTime();
    }

    public string Name { get; private set; } = "";
    public DateTimeOffset ValidFrom { get; private set; }
    public DateTimeOffset ValidTo { get; private set; }

    public bool IsActiveAt(DateTimeOffset instant) => ValidFrom <= instant && instant < ValidTo;

    /// <summary>
    /// What this rule would take off each line, for the whole line, on its own.
    /// <paramref name="items"/> holds only lines promotions may discount; lines the rule does not touch are left out.
    /// </summary>
    public abstract IReadOnlyDictionary<Guid, Money> DiscountsFor(IReadOnlyList<BasketItem> items, bool loyaltyMember);

    protected static string RequireCategory(string category)
    {
        var c = (category ?? string.Empty).Trim();
        if (c.Length == 0)
            throw new DomainException("Name the category the promotion applies to.");
        return c;
    }

    protected static bool SameCategory(string a, string b) => string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);
}
