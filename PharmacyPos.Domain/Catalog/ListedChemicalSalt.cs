namespace PharmacyPos.Domain.Catalog;

/// <summary>
/// The base factor of each salt a listed chemical is sold as: the base's share of the salt's weight, from the
/// molecular weights (IUPAC standard atomic weights). Pseudoephedrine and ephedrine are isomers, so their salts
/// share factors. These are the factors behind DEA's equivalency tables (Pharmacist's Manual, appendix G;
/// Chemical Handler's Manual, appendix I), and reproduce every tablet count in them: for example 146 tablets of
/// pseudoephedrine HCl 30 mg are within 3.6 g and 147 are not; 389 tablets of pseudoephedrine sulfate 30 mg are
/// within 9 g and 390 are not.
/// </summary>
public static class ListedChemicalSalt
{
    /// <summary>Pseudoephedrine or ephedrine hydrochloride: 165.236 / 201.694.</summary>
    public const decimal HydrochlorideOfEphedrines = 0.81924m;
    /// <summary>Pseudoephedrine or ephedrine sulfate, two bases to one sulfuric acid: 330.472 / 428.544.</summary>
    public const decimal SulfateOfEphedrines = 0.77115m;
    /// <summary>Phenylpropanolamine hydrochloride: 151.209 / 187.667.</summary>
    public const decimal PhenylpropanolamineHydrochloride = 0.80573m;

    /// <summary>The base factor of a known salt of the chemical, or null when the salt is not one we know.</summary>
    public static decimal? BaseFactor(ListedChemical chemical, string? salt)
    {
        var words = (salt ?? string.Empty).ToUpperInvariant();
        var hydrochloride = words.Contains("HYDROCHLORIDE", StringComparison.Ordinal) || words.Contains("HCL", StringComparison.Ordinal);
        var sulfate = words.Contains("SULFATE", StringComparison.Ordinal) || words.Contains("SULPHATE", StringComparison.Ordinal);
        if (hydrochloride == sulfate)
            return null;
        return chemical switch
        {
            ListedChemical.Pseudoephedrine or ListedChemical.Ephedrine => hydrochloride ? HydrochlorideOfEphedrines : SulfateOfEphedrines,
            ListedChemical.Phenylpropanolamine => hydrochloride ? PhenylpropanolamineHydrochloride : null,
            _ => null,
        };
    }
}
