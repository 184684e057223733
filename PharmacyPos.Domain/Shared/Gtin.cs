namespace PharmacyPos.Domain.Shared;

/// <summary>
/// A GS1 Global Trade Item Number, kept in its 14-digit form (GTIN-14) so that the
/// UPC-A (12), EAN-13 (13) and GTIN-14 of the same item compare equal.
/// Check digit: GS1 General Specifications §7.9.1 (mod 10, weights 3 and 1 from the right).
/// </summary>
public readonly record struct Gtin
{
    public const int Length = 14;
    /// <summary>Digits in a zero-suppressed UPC-E, check digit included.</summary>
    public const int UpcELength = 8;

    /// <summary>The digit counts a product barcode may carry: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14.</summary>
    public static readonly IReadOnlyList<int> AcceptedLengths = [8, 12, 13, 14];

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
        if (!HasValidCheckDigit(digits))
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
            // The digit next to the check digit weighs 3, the one before it 1, and so on.
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>
    /// True when the last digit is the GS1 check digit of the others. Works for every GS1 key
    /// that uses the same algorithm: GTIN-8/12/13/14 and the 18-digit SSCC.
    /// </summary>
    public static bool HasValidCheckDigit(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2) return false;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        return CheckDigit(digits[..^1]) == digits[^1] - '0';
    }

    /// <summary>Appends the check digit to a body of 7, 11, 12 or 13 digits.</summary>
    public static Gtin FromBody(string body)
    {
        var b = body ?? string.Empty;
        if (b.Length is not (7 or 11 or 12 or 13) || !b.All(char.IsAsciiDigit))
            throw new DomainException($"\"{b}\" cannot be made a barcode: it needs 7, 11, 12 or 13 digits.");
        return Parse(b + CheckDigit(b));
    }

    /// <summary>
    /// Reads a zero-suppressed UPC-E (8 digits: number system 0 or 1, six digits, check digit)
    /// by expanding it to its UPC-A, whose check digit it carries (GS1 General Specifications
    /// rules for UPC-E zero suppression). Small US packages carry UPC-E.
    /// </summary>
    public static bool TryParseUpcE(string? text, out Gtin gtin, out string? error)
    {
        gtin = default;
        var e = (text ?? string.Empty).Trim();
        if (e.Length != UpcELength || !e.All(char.IsAsciiDigit) || e[0] is not ('0' or '1'))
        {
            error = $"\"{e}\" is not a UPC-E barcode: it has 8 digits and starts with 0 or 1.";
            return false;
        }
        return TryParse(ExpandUpcE(e), out gtin, out error);
    }

    private static string ExpandUpcE(string e)
    {
        // Number system, six digits, check digit; the last of the six says where the zeros went.
        var (ns, d, check) = (e[0], e[1..7], e[7]);
        var body = d[5] switch
        {
            '0' or '1' or '2' => $"{ns}{d[..2]}{d[5]}0000{d[2..5]}",
            '3' => $"{ns}{d[..3]}00000{d[3..5]}",
            '4' => $"{ns}{d[..4]}00000{d[4]}",
            _ => $"{ns}{d[..5]}0000{d[5]}",
        };
        return body + check;
    }

    /// <summary>
    /// The first digit of the GTIN-14. 0 is the item itself; 1 to 8 are cases and other packing
    /// levels of it; 9 is a variable-measure item (GS1 General Specifications, GTIN-14 indicator digit).
    /// </summary>
    public int IndicatorDigit => Value[0] - '0';

    /// <summary>The 12-digit UPC-A form, when the item has one (GTIN-14 starting "00").</summary>
    public string? UpcA => Value.StartsWith("00", StringComparison.Ordinal) ? Value[2..] : null;

    /// <summary>The 13-digit EAN-13 form, when the item has one (GTIN-14 starting "0").</summary>
    public string? Ean13 => Value[0] == '0' ? Value[1..] : null;

    public override string ToString() => UpcA ?? Value.TrimStart('0').PadLeft(13, '0');
}
