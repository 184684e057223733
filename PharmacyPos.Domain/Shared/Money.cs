using System.Globalization;

namespace PharmacyPos.Domain.Shared;

/// <summary>
/// An amount of US dollars. Always held in <see cref="decimal"/>.
/// Rounding rule (documented in the README): amounts are rounded to the cent,
/// half away from zero (0.005 becomes 0.01), at the end of each line computation
/// (line total, line discount, line tax) and never on intermediate products.
/// Basket totals are sums of already-rounded lines, so the screen, the receipt and
/// the database agree to the cent.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const int Scale = 2;
    /// <summary>Largest amount the counter accepts for one figure; anything larger is a typing error.</summary>
    public const decimal MaxAmount = 1_000_000m;
    public static readonly Money Zero = new(0m);

    public decimal Amount { get; }

    private Money(decimal amount) => Amount = amount;

    /// <summary>Rounds to the cent, half away from zero.</summary>
    public static Money Of(decimal amount) => new(RoundToCent(amount));

    /// <summary>Takes an exact amount of at most two decimals; more is refused, not rounded.</summary>
    public static Money Exact(decimal amount)
    {
        if (decimal.Round(amount, Scale) != amount)
            throw new DomainException($"{amount.ToString(CultureInfo.InvariantCulture)} has more than two decimals; enter dollars and cents.");
        if (Math.Abs(amount) > MaxAmount)
            throw new DomainException($"{amount.ToString("N2", CultureInfo.InvariantCulture)} is larger than the counter accepts.");
        return new Money(amount);
    }

    public static decimal RoundToCent(decimal amount) => decimal.Round(amount, Scale, MidpointRounding.AwayFromZero);

    /// <summary>Parses what a cashier types: "12", "12.5", "12.50", "$12.50". Refuses more than two decimals.</summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = Zero;
        error = null;
        var t = (text ?? string.Empty).Trim().TrimStart('$').Trim();
        if (t.Length == 0)
        {
            error = "Enter an amount.";
            return false;
        }
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            error = $"\"{text}\" is not an amount of money.";
            return false;
        }
        if (decimal.Round(value, Scale) != value)
        {
            error = "Amounts have at most two decimals (dollars and cents).";
            return false;
        }
        if (Math.Abs(value) > MaxAmount)
        {
            error = "That amount is larger than the counter accepts.";
            return false;
        }
        money = new Money(value);
        return true;
    }

    public bool IsNegative => Amount < 0;
    public bool IsZero => Amount == 0;

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);
    public static Money operator -(Money a) => new(-a.Amount);
    public static Money operator *(Money a, int quantity) => new(a.Amount * quantity);
    public static bool operator <(Money a, Money b) => a.Amount < b.Amount;
    public static bool operator >(Money a, Money b) => a.Amount > b.Amount;
    public static bool operator <=(Money a, Money b) => a.Amount <= b.Amount;
    public static bool operator >=(Money a, Money b) => a.Amount >= b.Amount;

    public static Money Min(Money a, Money b) => a <= b ? a : b;
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>Applies a percentage and rounds the result to the cent.</summary>
    public Money Percent(Percentage rate) => Of(Amount * rate.Fraction);

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    public override string ToString() => Amount.ToString("C2", CultureInfo.GetCultureInfo("en-US"));
}
