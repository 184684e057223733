using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// One payment toward a sale. <see cref="Amount"/> is what it pays of the sale; for cash,
/// <see cref="CashTendered"/> is what the customer handed over and <see cref="ChangeDue"/> what goes back.
/// A card tender exists only once the terminal approved it; a card is known by its brand and last four digits only.
/// </summary>
public sealed class Tender : Entity
{
    public const int BrandMaxLength = 20;
    public const int AuthorizationCodeMaxLength = 20;
    public const int TerminalReferenceMaxLength = 64;

    private Tender() { }

    private Tender(int sequence, TenderKind kind, Money amount)
    {
        Sequence = sequence;
        Kind = kind;
        Amount = amount;
    }

    /// <summary>Order in which the tenders were taken, from 1.</summary>
    public int Sequence { get; private set; }
    public TenderKind Kind { get; private set; }
    public Money Amount { get; private set; }
    public Money? CashTendered { get; private set; }
    public Money ChangeDue { get; private set; }
    public string? CardBrand { get; private set; }
    public CardLastFour? CardLastFour { get; private set; }
    public string? AuthorizationCode { get; private set; }
    /// <summary>The payment terminal's reference for the approval; refunds go back through it.</summary>
    public string? TerminalReference { get; private set; }

    public bool IsCard => Kind is TenderKind.Card or TenderKind.FsaHsaCard;

    internal static Tender Cash(int sequence, Money tendered, Money remainingDue)
    {
        var applied = Money.Min(tendered, remainingDue);
        return new Tender(sequence, TenderKind.Cash, applied) { CashTendered = tendered, ChangeDue = tendered - applied };
    }

    internal static Tender Card(int sequence, TenderKind kind, Money amount, string brand, CardLastFour lastFour,
        string authorizationCode, string terminalReference) =>
        new(sequence, kind, amount)
        {
            CardBrand = Text(brand, BrandMaxLength, "card brand"),
            CardLastFour = lastFour,
            AuthorizationCode = Text(authorizationCode, AuthorizationCodeMaxLength, "authorization code"),
            TerminalReference = Text(terminalReference, TerminalReferenceMaxLength, "terminal reference"),
            ChangeDue = Money.Zero,
        };

    internal static string Text(string value, int max, string what)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0)
            throw new DomainException($"The {what} from the payment terminal is missing.");
        if (v.Length > max)
            throw new DomainException($"The {what} is at most {max} characters.");
        return v;
    }
}
