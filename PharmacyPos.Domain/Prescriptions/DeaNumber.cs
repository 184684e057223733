using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Prescriptions;

/// <summary>
/// A DEA registration number: two letters and seven digits, as on a controlled-substance prescription
/// (21 CFR 1306.05(a) requires it there). The first letter is the registrant type, the second the
/// first letter of the registrant's last name, or 9 for some business registrants.
/// The seventh digit checks the first six: the last digit of (d1 + d3 + d5) + 2 × (d2 + d4 + d6).
/// DEA does not put this formula in the regulations; it is the check pharmacies and DEA training
/// material use to screen for made-up numbers. A number that passes can still be forged or
/// retired: the pharmacist verifies doubtful ones with DEA.
/// </summary>
public readonly record struct DeaNumber
{
    public const int Length = 9;

    /// <summary>
    /// Registrant-type letters DEA has issued: A, B, F, G for practitioners, hospitals and pharmacies;
    /// M for mid-level practitioners (nurse practitioners, physician assistants and others);
    /// P to U for manufacturers, distributors, researchers, labs, importers, exporters and
    /// narcotic treatment programs; X for buprenorphine prescribers under the former DATA waiver.
    /// </summary>
    public const string RegistrantTypes = "ABCDEFGHJKLMPRSTUX";
    public const char MidLevelPractitioner = 'M';
    /// <summary>Stands in for the last-name letter when a business registers under its address.</summary>
    public const char BusinessRegistrant = '9';

    public string Value { get; }

    private DeaNumber(string value) => Value = value;

    public char RegistrantType => Value[0];
    public char NameLetter => Value[1];
    public bool IsMidLevelPractitioner => RegistrantType == MidLevelPractitioner;

    public static DeaNumber Parse(string text) =>
        TryParse(text, out var dea, out var error) ? dea : throw new DomainException(error!);

    public static bool TryParse(string? text, out DeaNumber dea, out string? error)
    {
        dea = default;
        var t = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (t.Length == 0)
        {
            error = "Enter the prescriber's DEA number.";
            return false;
        }
        if (t.Length != Length)
        {
            error = $"\"{t}\" has {t.Length} characters; a DEA number has two letters and seven digits, for example AB1234563.";
            return false;
        }
        if (!char.IsAsciiLetterUpper(t[0]) || !(char.IsAsciiLetterUpper(t[1]) || t[1] == BusinessRegistrant)
            || !t[2..].All(char.IsAsciiDigit))
        {
            error = $"\"{t}\" is not a DEA number: it has two letters and seven digits, for example AB1234563.";
            return false;
        }
        if (!RegistrantTypes.Contains(t[0], StringComparison.Ordinal))
        {
            error = $"\"{t}\" is not a DEA number: no DEA number starts with {t[0]}.";
            return false;
        }
        if (CheckDigit(t.AsSpan(2, 6)) != t[^1] - '0')
        {
            error = $"\"{t}\" is not a valid DEA number (the check digit is wrong). Check it against the prescription.";
            return false;
        }
        dea = new DeaNumber(t);
        error = null;
        return true;
    }

    /// <summary>The last digit of (d1 + d3 + d5) + 2 × (d2 + d4 + d6).</summary>
    public static int CheckDigit(ReadOnlySpan<char> sixDigits)
    {
        if (sixDigits.Length != 6)
            throw new ArgumentException("A DEA check digit is computed from six digits.", nameof(sixDigits));
        Span<int> d = stackalloc int[6];
        for (var i = 0; i < 6; i++)
        {
            d[i] = sixDigits[i] - '0';
            if (d[i] is < 0 or > 9)
                throw new ArgumentException("Only digits have a check digit.", nameof(sixDigits));
        }
        return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
    }

    /// <summary>Whether the second letter fits a registrant with this last name (a 9 fits any business).</summary>
    public bool MatchesLastName(string lastName)
    {
        var initial = (lastName ?? string.Empty).Trim().FirstOrDefault(char.IsLetter);
        return NameLetter == BusinessRegistrant || char.ToUpperInvariant(initial) == NameLetter;
    }

    public override string ToString() => Value ?? "";
}
