namespace PharmacyPos.Domain.Prescriptions;

/// <summary>The patient's answer to the offer to counsel.</summary>
public enum CounselingAnswer
{
    Accepted,
    Declined,
}
