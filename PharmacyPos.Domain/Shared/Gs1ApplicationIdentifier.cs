using System.Collections.Frozen;

namespace PharmacyPos.Domain.Shared;

/// <summary>What the data after a GS1 Application Identifier holds, and so how it is checked.</summary>
public enum Gs1DataKind
{
    /// <summary>Digits only.</summary>
    Numeric,
    /// <summary>Characters of GS1 AI encodable character set 82.</summary>
    Text,
    /// <summary>YYMMDD; day 00 means the month's last day.</summary>
    Date,
    /// <summary>A GTIN-14 whose check digit must hold.</summary>
    Gtin,
    /// <summary>An 18-digit Serial Shipping Container Code whose check digit must hold.</summary>
    Sscc,
}

/// <summary>
/// A GS1 Application Identifier (AI): the 2 to 4 digits that say what the data after them is
/// and how long it may be. Only the AIs found on drug and retail packages are known; an element
/// string with any other AI is refused rather than misread, since the length of an unknown AI's
/// data cannot be told. Lengths: GS1 General Specifications, Application Identifier definitions.
/// </summary>
public sealed record Gs1ApplicationIdentifier(string Code, string Title, Gs1DataKind Kind, int MaxLength, bool IsFixedLength)
{
    public const string Sscc = "00";
    public const string Gtin = "01";
    public const string ContainedGtin = "02";
    public const string Lot = "10";
    public const string ProductionDate = "11";
    public const string DueDate = "12";
    public const string PackagingDate = "13";
    public const string BestBefore = "15";
    public const string SellBy = "16";
    public const string Expiry = "17";
    public const string Variant = "20";
    public const string Serial = "21";
    public const string VariableCount = "30";
    public const string Count = "37";

    public const int ShortestCode = 2;
    public const int LongestCode = 4;

    private static readonly FrozenDictionary<string, Gs1ApplicationIdentifier> Known = BuildTable();

    /// <summary>Every AI we read.</summary>
    public static IReadOnlyCollection<Gs1ApplicationIdentifier> All => Known.Values;

    /// <summary>The AI with exactly this code, or null when it is not one we read.</summary>
    public static Gs1ApplicationIdentifier? Find(string code) =>
        code is not null && Known.TryGetValue(code, out var ai) ? ai : null;

    /// <summary>
    /// The AI at the start of <paramref name="text"/>. GS1 AIs are prefix-free (no AI is the start
    /// of another), so the first 2, 3 or 4 digits that name a known AI are the AI.
    /// </summary>
    public static bool TryFindAtStart(ReadOnlySpan<char> text, out Gs1ApplicationIdentifier? ai)
    {
        var lookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = ShortestCode; length <= LongestCode && length <= text.Length; length++)
        {
            var code = text[..length];
            if (!IsDigits(code)) break;
            if (lookup.TryGetValue(code, out ai)) return true;
        }
        ai = null;
        return false;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static FrozenDictionary<string, Gs1ApplicationIdentifier> BuildTable()
    {
        var table = new List<Gs1ApplicationIdentifier>
        {
            Fixed(Sscc, "shipping container code (SSCC)", Gs1DataKind.Sscc, 18),
            Fixed(Gtin, "product number (GTIN)", Gs1DataKind.Gtin, 14),
            Fixed(ContainedGtin, "product number of the contents (GTIN)", Gs1DataKind.Gtin, 14),
            Variable(Lot, "lot number", Gs1DataKind.Text, 20),
            Fixed(ProductionDate, "production date", Gs1DataKind.Date, 6),
            Fixed(DueDate, "due date", Gs1DataKind.Date, 6),
            Fixed(PackagingDate, "packaging date", Gs1DataKind.Date, 6),
            Fixed(BestBefore, "best-before date", Gs1DataKind.Date, 6),
            Fixed(SellBy, "sell-by date", Gs1DataKind.Date, 6),
            Fixed(Expiry, "expiry date", Gs1DataKind.Date, 6),
            Fixed(Variant, "product variant", Gs1DataKind.Numeric, 2),
            Variable(Serial, "serial number", Gs1DataKind.Text, 20),
            Variable("22", "consumer product variant", Gs1DataKind.Text, 20),
            Variable("235", "third-party serial number", Gs1DataKind.Text, 28),
            Variable("240", "additional product identification", Gs1DataKind.Text, 30),
            Variable("241", "customer part number", Gs1DataKind.Text, 30),
            Variable("242", "made-to-order variation", Gs1DataKind.Numeric, 6),
            Variable(VariableCount, "count of items", Gs1DataKind.Numeric, 8),
            Variable(Count, "count of trade items", Gs1DataKind.Numeric, 8),
            Variable("400", "customer's purchase order number", Gs1DataKind.Text, 30),
            Variable("420", "ship-to postal code", Gs1DataKind.Text, 20),
            Fixed("422", "country of origin", Gs1DataKind.Numeric, 3),
            Fixed("424", "country of processing", Gs1DataKind.Numeric, 3),
            Fixed("426", "country of full process chain", Gs1DataKind.Numeric, 3),
            Fixed("7003", "expiry date and time", Gs1DataKind.Numeric, 10),
            Variable("90", "mutually agreed information", Gs1DataKind.Text, 30),
        };
        // 410-417: Global Location Numbers (ship to, bill to, ...), 13 digits.
        for (var n = 410; n <= 417; n++)
            table.Add(Fixed(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "location number (GLN)", Gs1DataKind.Numeric, 13));
        // 710-715: national healthcare reimbursement numbers (715 is the US NDC).
        for (var n = 710; n <= 715; n++)
            table.Add(Variable(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "national drug reimbursement number", Gs1DataKind.Text, 20));
        // 310n-369n: measures (net weight, length, volume ...), 6 digits; n is the decimal point position.
        for (var n = 3100; n <= 3699; n++)
            table.Add(Fixed(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "measure", Gs1DataKind.Numeric, 6));
        // 91-99: company internal information.
        for (var n = 91; n <= 99; n++)
            table.Add(Variable(n.ToString(System.Globalization.CultureInfo.InvariantCulture), "company information", Gs1DataKind.Text, 90));
        return table.ToFrozenDictionary(ai => ai.Code, StringComparer.Ordinal);
    }

    private static Gs1ApplicationIdentifier Fixed(string code, string title, Gs1DataKind kind, int length) =>
        new(code, title, kind, length, IsFixedLength: true);

    private static Gs1ApplicationIdentifier Variable(string code, string title, Gs1DataKind kind, int maxLength) =>
        new(code, title, kind, maxLength, IsFixedLength: false);
}
