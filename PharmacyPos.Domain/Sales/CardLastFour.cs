namespace PharmacyPos.Domain.Sales;

/// <summary>
/// The last four digits of a payment card, the only part of the card number the pharmacy keeps
/// (PCI DSS: the full number, the primary account number, never reaches the register's records).
/// Anything other than exactly four digits is refused, so a full card number cannot be stored here by mistake.
/// </summary>
public readonly record struct CardLastFour
{
    public const int Length = 4;
    public string Value { get; }

    private CardLastFour(string value) => Value = value;

    public static CardLastFour Parse(string? text) =>
        TryParse(text, out var lastFour, out var error) ? lastFour : throw new Shared.DomainException(error!);

    public static bool TryParse(string? text, out CardLastFour lastFour, out string? error)
    {
        lastFour = default;
        var digits = (text ?? string.Empty).Trim();
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            // The refused text is never echoed back: it may be a full card number.
            error = "Enter only the last four digits of the card.";
            return false;
        }
        lastFour = new CardLastFour(digits);
        error = null;
        return true;
    }

    public override string ToString() => Value is null ? "" : "•••• " + Value;
}
