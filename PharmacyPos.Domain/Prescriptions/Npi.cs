using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Prescriptions;

/// <summary>
/// A National Provider Identifier: ten digits, the last a check digit (45 CFR 162.406).
/// Check digit: CMS "Requirements for NPI Check Digit": the Luhn mod-10 "double-add-double"
/// formula computed as if the card-issuer prefix 80840 stood in front, which is the same as
/// adding the constant 24 to the sum of the nine digits. CMS's worked example: 123456789 gives 3.
/// </summary>
public readonly record struct Npi
{
    public const int Length = 10;
    /// <summary>What the 80840 prefix adds to the Luhn sum of the nine digits (CMS).</summary>
    public const int PrefixConstant = 24;

    public string Value { get; }

    private Npi(string value) => Value = value;

    public static Npi Parse(string text) =>
        TryParse(text, out var npi, out var error) ? npi : throw new DomainException(error!);

    public static bool TryParse(string? text, out Npi npi, out string? error)
    {
        npi = default;
        var digits = (text ?? string.Empty).Trim();
        if (digits.Length == 0)
        {
            error = "Enter the prescriber's NPI.";
            return false;
        }
        if (!digits.All(char.IsAsciiDigit))
        {
            error = $"\"{digits}\" is not an NPI: it should have only digits.";
            return false;
        }
        if (digits.Length != Length)
        {
            error = $"\"{digits}\" has {digits.Length} digits; an NPI has {Length}.";
            return false;
        }
        if (CheckDigit(digits.AsSpan(0, Length - 1)) != digits[^1] - '0')
        {
            error = $"\"{digits}\" is not a valid NPI (the check digit is wrong). Check it against the prescription.";
            return false;
        }
        npi = new Npi(digits);
        error = null;
        return true;
    }

    /// <summary>The check digit of the first nine digits, with the 80840 prefix counted in.</summary>
    public static int CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != Length - 1)
            throw new ArgumentException("An NPI's check digit is computed from nine digits.", nameof(nineDigits));
        var sum = PrefixConstant;
        for (var i = 0; i < nineDigits.Length; i++)
        {
            var digit = nineDigits[nineDigits.Length - 1 - i] - '0';
            if (digit is < 0 or > 9)
                throw new ArgumentException("Only digits have a check digit.", nameof(nineDigits));
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    public override string ToString() => Value ?? "";
}
