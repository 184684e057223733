using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Prescriptions;

namespace PharmacyPos.Web.Features.Counter.Checkout;

/// <summary>
/// What the counter collected for the pharmacy rules while the sale was open: the patient, the purchaser's
/// photo ID, the signature, age checks, counseling answers, pharmacist approvals and the prescription fills
/// being picked up. It travels with the open cart (and survives a reload with it) and is handed to every
/// <see cref="ISaleCommitStep"/> when the sale commits.
/// </summary>
public sealed class SaleEvidence
{
    public Guid? PatientId { get; set; }
    public PhotoId? PurchaserId { get; set; }
    public PatientSignature? Signature { get; set; }
    public List<AgeCheck> AgeChecks { get; init; } = [];
    public List<ComplianceApproval> Approvals { get; init; } = [];
    public List<Guid> FillIds { get; init; } = [];
    public List<CounselingOffer> Counseling { get; init; } = [];
}
