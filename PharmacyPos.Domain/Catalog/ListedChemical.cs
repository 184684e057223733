namespace PharmacyPos.Domain.Catalog;

/// <summary>Scheduled listed chemical products under the Combat Methamphetamine Epidemic Act of 2005.</summary>
public enum ListedChemical
{
    Pseudoephedrine,
    Ephedrine,
    Phenylpropanolamine,
}
