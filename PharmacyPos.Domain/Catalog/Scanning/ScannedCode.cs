using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Catalog.Scanning;

/// <summary>
/// What the register makes of one input from the scanner or the keyboard: a product barcode
/// (UPC-A, EAN-13, EAN-8, GTIN-14, or a GS1 DataMatrix with lot, expiry and serial), an NDC typed
/// by hand, a receipt number, words to search by name, or something unrecognised with a message
/// for the cashier. Interpreting never throws.
/// </summary>
public sealed class ScannedCode
{
    /// <summary>Longest input read; a GS1 DataMatrix holds at most 3,116 digits.</summary>
    public const int MaxInputLength = 3116;
    public const int SaleNumberMinDigits = 6;
    public const int SaleNumberMaxDigits = 20;
    /// <summary>Fewest digits that make an unspaced word look like a code rather than a name ("B12" is a name).</summary>
    private const int CodeLikeMinDigits = 6;

    private ScannedCode(ScannedCodeKind kind, string text) => (Kind, Text) = (kind, text);

    public ScannedCodeKind Kind { get; }
    /// <summary>What was read, without surrounding blanks.</summary>
    public string Text { get; }

    public Gtin? Gtin { get; private init; }
    public string? Lot { get; private init; }
    public DateOnly? Expiry { get; private init; }
    public string? Serial { get; private init; }

    /// <summary>The NDC typed, for <see cref="ScannedCodeKind.Ndc"/>.</summary>
    public Ndc? Ndc { get; private init; }
    /// <summary>The 10-digit format the hyphens showed, when an NDC was typed with them.</summary>
    public NdcFormat? NdcFormat { get; private init; }
    /// <summary>
    /// NDCs to look up: for a drug's barcode the up to three 11-digit forms of the NDC inside its
    /// GTIN (the catalog knows which one is real); for a typed NDC, that NDC.
    /// </summary>
    public IReadOnlyList<Ndc> NdcCandidates { get; private init; } = [];

    public string? SaleNumber { get; private init; }
    public string? SearchText { get; private init; }
    /// <summary>Why an input is <see cref="ScannedCodeKind.Unrecognised"/>, in words for the cashier.</summary>
    public string? Message { get; private init; }

    /// <summary>Interprets with the default scanner settings, placing two-digit years around today's (UTC) year.</summary>
    public static ScannedCode Interpret(string? raw) => Interpret(raw, Gs1ReadOptions.On(TimeProvider.System));

    public static ScannedCode Interpret(string? raw, Gs1ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = (raw ?? string.Empty).Trim(' ', '\t', '\r', '\n', '\u00A0');
        if (text.Length == 0) return Unrecognised(text, "No barcode was read.");
        if (text.Length > MaxInputLength) return Unrecognised(Shorten(text), "That is too long to be a barcode or a product name.");

        var hasIdentifier = SymbologyIdentifier.TryStrip(text, out var identifier, out var data);
        if (SymbologyIdentifier.IsGs1(identifier) || LooksLikeGs1(data, options))
            return FromGs1(text, options);
        if (data.Any(c => char.IsControl(c)))
            return Unrecognised(text, NotKnown(text));

        if (IsSaleNumber(data)) return new ScannedCode(ScannedCodeKind.SaleNumber, text) { SaleNumber = data.ToUpperInvariant() };

        var compact = data.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length > 0 && compact.All(char.IsAsciiDigit))
            return FromDigits(text, compact, identifier);
        if (StartsAsNdc(data))
            return FromTypedNdc(text, data);
        if (hasIdentifier)
            return Unrecognised(text, NotKnown(text));
        return FromWords(text);
    }

    private static ScannedCode FromGs1(string text, Gs1ReadOptions options)
    {
        if (!Gs1ElementString.TryParse(text, options, out var gs1, out var error))
            return Unrecognised(text, error!);
        if (gs1.Gtin is not { } gtin)
            return Unrecognised(text, "This barcode has no product number; it may be a shipping label. Scan the barcode on the package.");
        return new ScannedCode(ScannedCodeKind.Product, text)
        {
            Gtin = gtin,
            Lot = gs1.Lot,
            Expiry = gs1.Expiry,
            Serial = gs1.Serial,
            NdcCandidates = NdcsIn(gtin),
        };
    }

    private static ScannedCode FromDigits(string text, string digits, string identifier)
    {
        if (IsUpcE(digits, identifier))
        {
            _ = Shared.Gtin.TryParseUpcE(digits, out var upcE, out _);
            return new ScannedCode(ScannedCodeKind.Product, text) { Gtin = upcE, NdcCandidates = NdcsIn(upcE) };
        }
        if (digits.Length == Shared.Ndc.Length)
            return FromTypedNdc(text, digits);
        if (digits.Length is 8 or 12 or 13 or 14)
        {
            return Shared.Gtin.TryParse(digits, out var gtin, out var error)
                ? new ScannedCode(ScannedCodeKind.Product, text) { Gtin = gtin, NdcCandidates = NdcsIn(gtin) }
                : Unrecognised(text, error!);
        }
        if (digits.Length == Shared.Ndc.TenDigitLength)
        {
            _ = Shared.Ndc.TryParse(digits, out _, out var tenDigitError);
            return Unrecognised(text, tenDigitError!);
        }
        return Unrecognised(text, NotKnown(text));
    }

    private static ScannedCode FromTypedNdc(string text, string ndcText) =>
        Shared.Ndc.TryParse(ndcText, out var ndc, out var format, out var error)
            ? new ScannedCode(ScannedCodeKind.Ndc, text) { Ndc = ndc, NdcFormat = format, NdcCandidates = [ndc] }
            : Unrecognised(text, error!);

    private static ScannedCode FromWords(string text)
    {
        var hasLetter = text.Any(char.IsLetter);
        var digits = text.Count(char.IsAsciiDigit);
        var oneWord = !text.Any(char.IsWhiteSpace);
        // A single token full of digits ("03600029145X") is a mistyped code, not a name.
        if (!hasLetter || (oneWord && digits >= CodeLikeMinDigits))
            return Unrecognised(text, NotKnown(text));
        if (text.Length > Product.NameMaxLength)
            return Unrecognised(Shorten(text), "That is too long to search for; type part of the product name.");
        return new ScannedCode(ScannedCodeKind.NameSearch, text) { SearchText = text };
    }

    /// <summary>GS1 data without a symbology identifier: a separator, "(01)", or AI 01 and 14 digits.</summary>
    private static bool LooksLikeGs1(string data, Gs1ReadOptions options)
    {
        if (data.Contains(Gs1ElementString.GroupSeparator, StringComparison.Ordinal)) return true;
        if (options.GroupSeparatorStandIns.Any(s => !string.IsNullOrEmpty(s) && data.Contains(s, StringComparison.Ordinal))) return true;
        if (data.StartsWith('(') && data.Length > 1 && char.IsAsciiDigit(data[1])) return true;
        return data.Length > 16 && data.StartsWith(Gs1ApplicationIdentifier.Gtin, StringComparison.Ordinal)
            && data.AsSpan(0, 16).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>
    /// Eight digits are a UPC-E when the scanner says so (]E0 carries UPC-E, ]E4 EAN-8), or, without
    /// an identifier, when they start with 0 or 1 and hold as a UPC-E: GTIN-8s starting with 0 are
    /// restricted-circulation numbers, and US items carry UPC-E, not EAN-8.
    /// </summary>
    private static bool IsUpcE(string digits, string identifier)
    {
        if (digits.Length != Shared.Gtin.UpcELength || identifier == SymbologyIdentifier.Ean8) return false;
        return Shared.Gtin.TryParseUpcE(digits, out _, out _)
            && (identifier == SymbologyIdentifier.Ean13OrUpc || !Shared.Gtin.TryParse(digits, out _, out _) || digits[0] == '0');
    }

    private static bool IsSaleNumber(string data)
    {
        if (data.Length < 1 + SaleNumberMinDigits || data.Length > 1 + SaleNumberMaxDigits) return false;
        return data[0] is 'S' or 's' && data.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>Digits and hyphens with at least one hyphen, or a leading "NDC".</summary>
    private static bool StartsAsNdc(string data) =>
        data.StartsWith("NDC", StringComparison.OrdinalIgnoreCase)
        || (data.Contains('-', StringComparison.Ordinal) && data.All(c => char.IsAsciiDigit(c) || c == '-'));

    private static IReadOnlyList<Ndc> NdcsIn(Gtin gtin) =>
        Shared.Ndc.TryFromGtin(gtin, out var candidates) ? candidates : [];

    private static ScannedCode Unrecognised(string text, string message) =>
        new(ScannedCodeKind.Unrecognised, text) { Message = message };

    private static string NotKnown(string text) => $"\"{Printable(text)}\" is not a barcode or product code we know.";

    /// <summary>The text as it can be shown: control characters (scanner separators) become "?".</summary>
    private static string Printable(string text) =>
        string.Concat(Shorten(text).Select(c => char.IsControl(c) ? '?' : c));

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
