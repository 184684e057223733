namespace PharmacyPos.Domain.Sales;

/// <summary>Where a return stands. Its intent is recorded before any card is refunded, so no refund is ever without a record.</summary>
public enum ReturnStatus
{
    /// <summary>Recorded, refunds under way: its units are held, no other return can take them.</summary>
    Pending,
    /// <summary>Every refund given back, the units back in stock: final.</summary>
    Completed,
    /// <summary>Cancelled before anything was refunded: its units are free again. Final.</summary>
    Abandoned,
}
