using PharmacyPos.Domain.Catalog;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// The logbook's one exemption: "the purchase by an individual of a single sales package containing not more
/// than 60 milligrams of pseudoephedrine" needs no logbook entry, and so no photo ID or signature for it
/// (21 U.S.C. 830(e)(1)(A)(iv)(I); 21 CFR 1314.30(a)(1)). The quantity limits still apply.
/// <list type="bullet">
/// <item>The purchase is the whole sale: one package of one listed chemical product and nothing else listed;
/// two such packages, or one with an ephedrine product beside it, are logged.</item>
/// <item>Only pseudoephedrine: ephedrine and phenylpropanolamine have no exemption.</item>
/// <item>The 60 mg are read as the label states them, the salt, which always holds at least as much as the base:
/// a package is exempt only when both are within 60 mg, so no reading of the rule is ever broken.</item>
/// </list>
/// </summary>
public static class SinglePackageExemption
{
    public const decimal MaxPseudoephedrineMilligrams = 60m;

    /// <param name="listedLines">The sale's lines of listed chemical products with their packages.</param>
    public static bool Applies(IEnumerable<(Product Product, int Packages)> listedLines)
    {
        ArgumentNullException.ThrowIfNull(listedLines);
        var lines = listedLines.Where(l => l.Product.ListedChemical is not null && l.Packages != 0).ToList();
        if (lines.Count != 1 || lines[0].Packages != 1)
            return false;
        var content = lines[0].Product.ListedChemical!;
        return content.Chemical == ListedChemical.Pseudoephedrine
            && content.SaltMilligramsPerPackage <= MaxPseudoephedrineMilligrams
            && content.BaseMilligramsPerPackage <= MaxPseudoephedrineMilligrams;
    }
}
