namespace PharmacyPos.Domain.Shared;

/// <summary>
/// The three characters a scanner may send before the data to say which kind of barcode it read
/// (ISO/IEC 15424: "]", a symbology letter, a modifier). The GS1 ones tell that the data is a
/// GS1 element string (GS1 General Specifications, symbology identifiers of GS1 data carriers).
/// </summary>
public static class SymbologyIdentifier
{
    public const int Length = 3;
    public const char Flag = ']';

    public const string Gs1_128 = "]C1";
    public const string Gs1DataBar = "]e0";
    public const string Gs1DataMatrix = "]d2";
    public const string Gs1QrCode = "]Q3";
    public const string Gs1DotCode = "]J1";
    /// <summary>EAN-13, UPC-A and UPC-E.</summary>
    public const string Ean13OrUpc = "]E0";
    public const string Ean8 = "]E4";
    /// <summary>ITF-14 (Interleaved 2 of 5 with a check digit), used on cases.</summary>
    public const string Itf14 = "]I1";

    private static readonly HashSet<string> Gs1Identifiers =
        new([Gs1_128, Gs1DataBar, Gs1DataMatrix, Gs1QrCode, Gs1DotCode], StringComparer.Ordinal);

    /// <summary>True for the identifiers that announce GS1 element strings.</summary>
    public static bool IsGs1(string? identifier) => identifier is not null && Gs1Identifiers.Contains(identifier);

    /// <summary>
    /// Splits off a leading symbology identifier. Returns false, with the text unchanged, when
    /// the text does not start with one.
    /// </summary>
    public static bool TryStrip(string? text, out string identifier, out string data)
    {
        var t = text ?? string.Empty;
        if (t.Length >= Length && t[0] == Flag && char.IsAsciiLetter(t[1]) && IsModifier(t[2]))
        {
            identifier = t[..Length];
            data = t[Length..];
            return true;
        }
        identifier = "";
        data = t;
        return false;
    }

    // Modifiers are a digit or, for a few symbologies, a capital letter.
    private static bool IsModifier(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);
}
