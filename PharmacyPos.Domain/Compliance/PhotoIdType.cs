namespace PharmacyPos.Domain.Compliance;

/// <summary>Photo IDs the counter accepts from a purchaser (21 CFR 1314.30(b) refers to identity documents with a photograph).</summary>
public enum PhotoIdType
{
    DriversLicense,
    StateId,
    Passport,
    PassportCard,
    MilitaryId,
    PermanentResidentCard,
    TribalId,
}
