namespace PharmacyPos.Domain.Sales;

/// <summary>How a customer pays.</summary>
public enum TenderKind
{
    Cash,
    /// <summary>A credit or debit card, approved by the payment terminal.</summary>
    Card,
    /// <summary>A flexible spending or health savings account card: it may pay only for eligible items (IRS Publication 502 expenses).</summary>
    FsaHsaCard,
}
