using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>What a return would give back, before it is made: the register shows it and asks for a manager when needed.</summary>
public sealed record RefundQuote(
    IReadOnlyList<ReturnLine> Lines,
    IReadOnlyList<RefundTender> Refunds,
    Money Total,
    bool RequiresManagerApproval);
