namespace PharmacyPos.Domain.Shared;

/// <summary>
/// A GS1 Global Trade Item Number, kept in its 14-digit form (GTIN-14) so that the
/// UPC-A (12), EAN-13 (13) and GTIN-14 of the same item compare equal.
/// Check digit: GS1 General Specifications §7.9.1 (mod 10, weights 3 and 1 from the right).
/// </summary>
public readonly record struct Gtin
{
    public const int Length = 14;
    public string Value { get; }

    private Gtin(string value) => Value = value;

    public static Gtin Parse(string text) =>
        TryParse(text, out var gtin, out var error) ? gtin : throw new DomainException(error!);

    /// <summary>Accepts 8, 12, 13 or 14 digits with a correct check digit.</summary>
    public static bool TryParse(string? text, out Gtin gtin, out string? error)
    {
        gtin = default;
        var digits = (text ?? string.Empty).Trim();
        if (digits.Length == 0)
        {
            error = "No barcode was read.";
            return false;
        }
        if (!digits.All(char.IsAsciiDigit))
        {
            error = $"\"{digits}\" is not a product barcode: it should have only digits.";
            return false;
        }
        if (digits.Length is not (8 or 12 or 13 or 14))
        {
            error = $"\"{digits}\" has {digits.Length} digits; a product barcode has 8, 12, 13 or 14.";
            return false;
        }
        if (CheckDigit(digits.AsSpan(0, digits.Length - 1)) != digits[^1] - '0')
        {
            error = $"\"{digits}\" is not a valid barcode (the check digit is wrong). Scan it again or type it.";
            return false;
        }
        gtin = new Gtin(digits.PadLeft(Length, '0'));
        error = null;
        return true;
    }

    /// <summary>The GS1 mod-10 check digit of the digits before it.</summary>
    public static int CheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (digit is < 0 or > 9)
                throw new ArgumentException("Only digits have a check digit.", nameof(body));
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>Appends the check digit to a body of 7, 11, 12 or 13 digits.</summary>
    public static Gtin FromBody(string body) => Parse(body + CheckDigit(body));

    /// <summary>The 12-digit UPC-A form, when the item has one (GTIN-14 starting "00").</summary>
    public string? UpcA => Value.StartsWith("00", StringComparison.Ordinal) ? Value[2..] : null;

    public override string ToString() => UpcA ?? Value.TrimStart('0').PadLeft(13, '0');
}
