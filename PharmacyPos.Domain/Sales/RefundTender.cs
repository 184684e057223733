using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>Money going back to the customer through one of the sale's tenders (or in cash).</summary>
public sealed class RefundTender : Entity
{
    private RefundTender() { }

    internal RefundTender(Tender? original, TenderKind kind, Money amount)
    {
        OriginalTenderId = original?.Id;
        Kind = kind;
        Amount = amount;
        CardBrand = original?.CardBrand;
        CardLastFour = original?.CardLastFour;
        TerminalReference = original?.TerminalReference;
    }

    /// <summary>The sale's tender this refund goes back to; null for cash handed back without a cash tender on the sale.</summary>
    public Guid? OriginalTenderId { get; private set; }
    public TenderKind Kind { get; private set; }
    public Money Amount { get; private set; }
    public string? CardBrand { get; private set; }
    public CardLastFour? CardLastFour { get; private set; }
    /// <summary>The original approval's reference, for the terminal to refund against.</summary>
    public string? TerminalReference { get; private set; }
}
