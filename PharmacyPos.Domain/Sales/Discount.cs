using System.Globalization;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// A discount the cashier gives, on one line or on the whole basket: an amount or a percentage, always with a reason.
/// An amount discount is for the whole line (or basket), not per unit. It is checked against the price when it is given;
/// if the price later drops (a promotion, a removed line), the discount is capped at what is left, so it never takes
/// anything below zero.
/// </summary>
public sealed record Discount
{
    public const int ReasonMaxLength = 200;
    public const string LargerThanPrice = "A discount cannot be larger than the price.";

    private Discount() { }

    public DiscountKind Kind { get; private init; }
    /// <summary>Dollars for <see cref="DiscountKind.Amount"/>, percent (0 to 100) for <see cref="DiscountKind.Percentage"/>.</summary>
    public decimal Value { get; private init; }
    public string Reason { get; private init; } = "";

    /// <summary>A dollar amount off, in dollars and cents.</summary>
    public static Discount Amount(decimal amount, string reason)
    {
        var money = Money.Exact(amount);
        if (money.Amount <= 0)
            throw new DomainException("A discount must be more than $0.00.");
        return new Discount { Kind = DiscountKind.Amount, Value = money.Amount, Reason = RequireReason(reason) };
    }

    /// <summary>A percentage off, more than 0 and at most 100, with at most four decimals.</summary>
    public static Discount Percent(decimal percent, string reason)
    {
        if (percent <= 0)
            throw new DomainException("A discount must be more than 0%.");
        if (percent > 100)
            throw new DomainException(LargerThanPrice);
        var rate = Percentage.Of(percent);
        return new Discount { Kind = DiscountKind.Percentage, Value = rate.Value, Reason = RequireReason(reason) };
    }

    /// <summary>What this discount takes off <paramref name="price"/>, rounded to the cent and never more than the price.</summary>
    public Money AmountOff(Money price) => Kind switch
    {
        DiscountKind.Amount => Money.Min(Money.Of(Value), Money.Max(price, Money.Zero)),
        DiscountKind.Percentage => Money.Max(price, Money.Zero).Percent(Percentage.Of(Value)),
    };

    /// <summary>Whether this discount, given on <paramref name="price"/>, would be larger than it.</summary>
    public bool IsLargerThan(Money price) => Kind == DiscountKind.Amount && Value > price.Amount;

    public override string ToString() => Kind switch
    {
        DiscountKind.Amount => Money.Of(Value).ToString(),
        DiscountKind.Percentage => Value.ToString("0.####", CultureInfo.InvariantCulture) + "%",
    };

    private static string RequireReason(string reason)
    {
        var r = (reason ?? string.Empty).Trim();
        if (r.Length == 0)
            throw new DomainException("Give a reason for the discount.");
        if (r.Length > ReasonMaxLength)
            throw new DomainException($"A reason is at most {ReasonMaxLength} characters.");
        return r;
    }
}
