namespace PharmacyPos.Domain.Branches;

/// <summary>How an item is taxed. The rate for each class is set per branch.</summary>
public enum TaxClass
{
    /// <summary>General merchandise and most over-the-counter medicine.</summary>
    Standard,
    /// <summary>Prescription drugs: exempt in nearly every US state.</summary>
    Prescription,
    /// <summary>Non-prescription drugs in states that tax them at a lower rate.</summary>
    ReducedOtc,
    /// <summary>Medical devices and other items the state exempts.</summary>
    Exempt,
}
