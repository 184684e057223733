namespace PharmacyPos.Domain.Sales;

/// <summary>Where a sale stands. Completed and Voided are final: nothing on the sale changes after them.</summary>
public enum SaleStatus
{
    /// <summary>At the register: items are being scanned or paid for.</summary>
    Open,
    /// <summary>Put aside (the customer went back for something) and resumed later; nothing changes meanwhile.</summary>
    Suspended,
    /// <summary>Paid in full.</summary>
    Completed,
    /// <summary>Cancelled before payment.</summary>
    Voided,
}
