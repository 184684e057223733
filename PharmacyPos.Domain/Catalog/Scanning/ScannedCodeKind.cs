namespace PharmacyPos.Domain.Catalog.Scanning;

/// <summary>What the register should do with what was scanned or typed.</summary>
public enum ScannedCodeKind
{
    /// <summary>A product barcode: look the GTIN up (and the NDC candidates, for a drug).</summary>
    Product,
    /// <summary>An NDC typed by hand: look the drug up by NDC.</summary>
    Ndc,
    /// <summary>A receipt's sale number: open that sale (returns, reprints).</summary>
    SaleNumber,
    /// <summary>Words: search the catalog by name.</summary>
    NameSearch,
    /// <summary>Nothing the register can use; <see cref="ScannedCode.Message"/> says why.</summary>
    Unrecognised,
}
