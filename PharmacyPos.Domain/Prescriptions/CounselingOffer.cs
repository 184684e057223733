using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Prescriptions;

/// <summary>
/// The offer to counsel made at pickup (OBRA '90 and the state boards' rules that follow it): when,
/// by which cashier, and the patient's answer. A patient who accepts talks to a pharmacist, and the
/// pharmacist records the counseling here. Where the branch's state requires counseling on every new
/// prescription, fill 0 is not handed over until a pharmacist has counseled, even if the patient declines.
/// </summary>
public sealed class CounselingOffer : Entity
{
    private CounselingOffer() { }

    public CounselingOffer(Fill fill, Guid offeredBy, DateTimeOffset at, CounselingAnswer answer)
    {
        if (offeredBy == Guid.Empty)
            throw new DomainException("Say who made the offer to counsel.");
        if (!Enum.IsDefined(answer))
            throw new DomainException("Record whether the patient accepted or declined counseling.");
        FillId = fill.Id;
        FillNumber = fill.FillNumber;
        OfferedBy = offeredBy;
        OfferedAt = at.ToUniversalTime();
        Answer = answer;
    }

    public Guid FillId { get; private set; }
    public int FillNumber { get; private set; }
    public Guid OfferedBy { get; private set; }
    public DateTimeOffset OfferedAt { get; private set; }
    public CounselingAnswer Answer { get; private set; }
    public Guid? CounseledBy { get; private set; }
    public DateTimeOffset? CounseledAt { get; private set; }

    public bool IsCounseled => CounseledBy is not null;

    /// <summary>The pharmacist records that they counseled the patient. The caller makes sure the user is a pharmacist.</summary>
    public void RecordCounseling(Guid pharmacistId, DateTimeOffset at)
    {
        if (pharmacistId == Guid.Empty)
            throw new DomainException("Say which pharmacist counseled the patient.");
        if (IsCounseled)
            throw new DomainException("Counseling is already recorded for this fill.");
        if (at < OfferedAt)
            throw new DomainException("Counseling cannot be recorded before the offer was made; check the clock.");
        CounseledBy = pharmacistId;
        CounseledAt = at.ToUniversalTime();
    }

    /// <summary>Whether the fill may be handed over as far as counseling goes, under the branch's rule.</summary>
    public static ComplianceDecision Check(CounselingRule rule, Fill fill, CounselingOffer? offer)
    {
        if (offer is not null && offer.FillId != fill.Id)
            throw new ArgumentException("The offer was made for another fill.", nameof(offer));
        if (offer is { IsCounseled: true })
            return ComplianceDecision.Allowed();
        if (rule == CounselingRule.RequiredForNewPrescriptions && fill.IsNewPrescription)
            return ComplianceDecision.NeedsApproval(StaffRole.Pharmacist,
                "This is a new prescription: a pharmacist must counsel the patient before it is handed over, even if they decline. Call the pharmacist.");
        if (offer is null)
            return ComplianceDecision.Refused("Offer the patient counseling from the pharmacist and record their answer.");
        return offer.Answer switch
        {
            CounselingAnswer.Accepted => ComplianceDecision.NeedsApproval(StaffRole.Pharmacist,
                "The patient wants to talk to the pharmacist; call the pharmacist."),
            CounselingAnswer.Declined => ComplianceDecision.Allowed("The patient declined counseling."),
        };
    }
}
