using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// What a return would give back, before it is made: the register shows it and asks for a manager when needed.
/// <see cref="SaleRefundTotal"/> is this return plus every earlier return of the sale still standing: the approval
/// threshold counts them together, so splitting a refund into small returns does not avoid the manager.
/// </summary>
public sealed record RefundQuote(
    IReadOnlyList<ReturnLine> Lines,
    IReadOnlyList<RefundTender> Refunds,
    Money Total,
    bool RequiresManagerApproval,
    Money SaleRefundTotal,
    Money ApprovalThreshold)
{
    /// <summary>Why a manager must approve, in the cashier's words.</summary>
    public string ApprovalReason => SaleRefundTotal == Total
        ? $"A refund of {Total} needs a manager's approval (more than {ApprovalThreshold})."
        : $"With this refund of {Total}, refunds on this sale come to {SaleRefundTotal}: more than {ApprovalThreshold} needs a manager's approval.";
}
