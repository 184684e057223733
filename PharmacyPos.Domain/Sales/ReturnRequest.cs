namespace PharmacyPos.Domain.Sales;

/// <summary>Units of one sale line coming back. Damaged units are refunded but not put back on the shelf.</summary>
public sealed record ReturnRequest(Guid SaleLineId, int Quantity, bool Damaged = false);
