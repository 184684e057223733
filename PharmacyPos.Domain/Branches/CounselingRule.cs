namespace PharmacyPos.Domain.Branches;

/// <summary>What the branch's state board asks at prescription pickup (OBRA '90 offer to counsel).</summary>
public enum CounselingRule
{
    /// <summary>The offer must be made and the answer recorded; the patient may decline.</summary>
    Offer,
    /// <summary>A pharmacist must counsel on every new prescription before it is handed over.</summary>
    RequiredForNewPrescriptions,
}
