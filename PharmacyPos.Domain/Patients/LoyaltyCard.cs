using System.Text.RegularExpressions;

namespace PharmacyPos.Domain.Patients;

/// <summary>
/// The loyalty card a member shows at the register: "LOY-" and six digits, printed as a barcode on the card.
/// Scanning it identifies the customer for the sale, so member prices apply.
/// </summary>
public static partial class LoyaltyCard
{
    public const string Prefix = "LOY-";

    public static bool TryRead(string? scanned, out string number)
    {
        number = (scanned ?? string.Empty).Trim().ToUpperInvariant();
        return CardPattern().IsMatch(number);
    }

    [GeneratedRegex(@"^LOY-\d{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();
}
