namespace PharmacyPos.Domain.Prescriptions;

/// <summary>Where a prescription fill is, from the filling bench to the patient's hands.</summary>
public enum FillStatus
{
    /// <summary>Being counted and labelled.</summary>
    InProgress,
    /// <summary>Waiting for a pharmacist's final check.</summary>
    AwaitingVerification,
    /// <summary>Checked by a pharmacist, bagged and in its bin.</summary>
    ReadyForPickup,
    /// <summary>Sold and handed to the patient.</summary>
    PickedUp,
    /// <summary>Not picked up; the medicine went back to the shelf and the fill is void.</summary>
    ReturnedToStock,
}
