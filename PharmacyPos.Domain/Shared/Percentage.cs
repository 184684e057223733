using System.Globalization;

namespace PharmacyPos.Domain.Shared;

/// <summary>A percentage between 0 and 100 with up to four decimals (tax rates such as 8.875%).</summary>
public readonly record struct Percentage
{
    public const int Precision = 7;
    public const int Scale = 4;
    public decimal Value { get; }
    public decimal Fraction => Value / 100m;

    private Percentage(decimal value) => Value = value;

    public static readonly Percentage Zero = new(0m);

    public static Percentage Of(decimal value)
    {
        if (value < 0m || value > 100m)
            throw new DomainException($"{value.ToString(CultureInfo.InvariantCulture)}% is not a percentage between 0 and 100.");
        if (decimal.Round(value, Scale) != value)
            throw new DomainException("A percentage has at most four decimals.");
        return new Percentage(value);
    }

    public override string ToString() => Value.ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
