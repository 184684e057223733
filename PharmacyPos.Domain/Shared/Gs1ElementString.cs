using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PharmacyPos.Domain.Shared;

/// <summary>
/// The data of a GS1 barcode (GS1-128, GS1 DataMatrix, GS1 QR Code, GS1 DataBar): a run of
/// Application Identifiers each followed by its data, as on a drug package under the DSCSA:
/// (01) GTIN, (17) expiry, (10) lot, (21) serial. Fixed-length fields end by their length;
/// variable-length ones end at the group separator (FNC1, sent as ASCII 29), at their maximum length, or at the end.
/// GS1 General Specifications: element strings, with FNC1 as the field separator.
/// </summary>
public sealed class Gs1ElementString
{
    /// <summary>ASCII 29, which scanners send for FNC1 when it separates fields.</summary>
    public const char GroupSeparator = '\u001D';

    private readonly Gs1Element[] _elements;

    private Gs1ElementString(Gs1Element[] elements)
    {
        _elements = elements;
        if (Find(Gs1ApplicationIdentifier.Gtin) is { } gtin) Gtin = Shared.Gtin.Parse(gtin.Data);
        Expiry = Find(Gs1ApplicationIdentifier.Expiry)?.Date;
        Lot = Find(Gs1ApplicationIdentifier.Lot)?.Data;
        Serial = Find(Gs1ApplicationIdentifier.Serial)?.Data;
    }

    public IReadOnlyList<Gs1Element> Elements => _elements;

    /// <summary>AI 01, the product.</summary>
    public Gtin? Gtin { get; }
    /// <summary>AI 17; a label showing only the month expires on its last day.</summary>
    public DateOnly? Expiry { get; }
    /// <summary>AI 10, the batch or lot number.</summary>
    public string? Lot { get; }
    /// <summary>AI 21, the package's serial number.</summary>
    public string? Serial { get; }

    /// <summary>The field with this AI, or null.</summary>
    public Gs1Element? Find(string ai) => _elements.FirstOrDefault(e => e.Ai == ai);

    /// <summary>Human-readable form with the AIs in parentheses: "(01)09506000134352(17)260531(10)ABC".</summary>
    public override string ToString() => string.Concat(_elements.Select(e => e.ToString()));

    public static Gs1ElementString Parse(string raw, Gs1ReadOptions options) =>
        TryParse(raw, options, out var result, out var error) ? result : throw new DomainException(error!);

    /// <summary>Reads with the default scanner settings, placing two-digit years around today's (UTC) year.</summary>
    public static bool TryParse(string? raw, [NotNullWhen(true)] out Gs1ElementString? result, out string? error) =>
        TryParse(raw, Gs1ReadOptions.On(TimeProvider.System), out result, out error);

    /// <summary>
    /// Reads the data a scanner sent: with or without a GS1 symbology identifier (]C1, ]d2, ]Q3,
    /// ]e0, ]J1), with ASCII 29 or a configured stand-in such as "&lt;GS&gt;" between fields, or in
    /// the human-readable form "(01)...(17)...(10)...". Never throws; on failure the error says
    /// why in words for the counter.
    /// </summary>
    public static bool TryParse(string? raw, Gs1ReadOptions options, [NotNullWhen(true)] out Gs1ElementString? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        result = null;
        var text = (raw ?? string.Empty).Trim(' ', '\t', '\r', '\n');
        if (SymbologyIdentifier.TryStrip(text, out var identifier, out var data))
        {
            if (!SymbologyIdentifier.IsGs1(identifier))
            {
                error = "This barcode does not carry GS1 data.";
                return false;
            }
            text = data;
        }
        foreach (var standIn in options.GroupSeparatorStandIns)
            if (!string.IsNullOrEmpty(standIn))
                text = text.Replace(standIn, GroupSeparator.ToString(), StringComparison.Ordinal);

        var elements = new List<Gs1Element>();
        var ok = text.TrimStart(GroupSeparator, ' ').StartsWith('(')
            ? TryReadBracketed(text, options, elements, out error)
            : TryReadPlain(text, options, elements, out error);
        if (!ok) return false;
        if (elements.Count == 0)
        {
            error = "No barcode was read.";
            return false;
        }
        result = new Gs1ElementString([.. elements]);
        return true;
    }

    private static bool TryReadPlain(string text, Gs1ReadOptions options, List<Gs1Element> elements, out string? error)
    {
        var pos = 0;
        while (true)
        {
            // A leading FNC1, and one after a fixed-length field, are allowed and mean nothing.
            while (pos < text.Length && text[pos] == GroupSeparator) pos++;
            if (pos == text.Length)
            {
                error = null;
                return true;
            }
            if (!Gs1ApplicationIdentifier.TryFindAtStart(text.AsSpan(pos), out var ai))
            {
                error = UnknownAi(text.AsSpan(pos));
                return false;
            }
            pos += ai!.Code.Length;
            string data;
            if (ai.IsFixedLength)
            {
                var end = text.IndexOf(GroupSeparator, pos);
                var available = (end < 0 ? text.Length : end) - pos;
                if (available < ai.MaxLength)
                {
                    error = Truncated(ai);
                    return false;
                }
                data = text.Substring(pos, ai.MaxLength);
            }
            else
            {
                var end = text.IndexOf(GroupSeparator, pos);
                var stop = end < 0 ? text.Length : end;
                // A variable-length field can never hold more than its maximum, so where it reaches it the field
                // has ended and the next AI starts, with or without the separator GS1 asks encoders to put there.
                // Reading on would misread a valid package; anything after it that is not an AI is refused.
                if (stop - pos > ai.MaxLength)
                {
                    if (!Gs1ApplicationIdentifier.TryFindAtStart(text.AsSpan(pos + ai.MaxLength), out _))
                    {
                        error = TooLong(ai);
                        return false;
                    }
                    stop = pos + ai.MaxLength;
                }
                data = text[pos..stop];
            }
            pos += data.Length;
            if (!TryAdd(ai, data, options, elements, out error)) return false;
        }
    }

    private static bool TryReadBracketed(string text, Gs1ReadOptions options, List<Gs1Element> elements, out string? error)
    {
        var pos = 0;
        while (true)
        {
            while (pos < text.Length && text[pos] is ' ' or GroupSeparator) pos++;
            if (pos == text.Length)
            {
                error = null;
                return true;
            }
            var close = text.IndexOf(')', pos);
            if (text[pos] != '(' || close < 0)
            {
                error = "The barcode text is not in the form (01)...(17)...(10)...; scan the barcode or type the product number.";
                return false;
            }
            var code = text[(pos + 1)..close];
            var ai = Gs1ApplicationIdentifier.Find(code);
            if (ai is null)
            {
                error = UnknownAi(code);
                return false;
            }
            pos = close + 1;
            var next = NextBracketedAi(text, pos);
            var data = text[pos..next].Replace(GroupSeparator.ToString(), "", StringComparison.Ordinal).Trim(' ');
            pos = next;
            if (ai.IsFixedLength && data.Length < ai.MaxLength)
            {
                error = Truncated(ai);
                return false;
            }
            if (ai.IsFixedLength && data.Length > ai.MaxLength)
            {
                error = $"The barcode's {ai.Title} (AI {ai.Code}) is too long: it has {ai.MaxLength} characters.";
                return false;
            }
            if (!TryAdd(ai, data, options, elements, out error)) return false;
        }
    }

    /// <summary>Where the next "(nn)" to "(nnnn)" starts, or the end of the text.</summary>
    private static int NextBracketedAi(string text, int from)
    {
        for (var i = text.IndexOf('(', from); i >= 0; i = text.IndexOf('(', i + 1))
        {
            var digits = 0;
            while (i + 1 + digits < text.Length && char.IsAsciiDigit(text[i + 1 + digits])) digits++;
            if (digits is >= Gs1ApplicationIdentifier.ShortestCode and <= Gs1ApplicationIdentifier.LongestCode
                && i + 1 + digits < text.Length && text[i + 1 + digits] == ')')
                return i;
        }
        return text.Length;
    }

    private static bool TryAdd(Gs1ApplicationIdentifier ai, string data, Gs1ReadOptions options, List<Gs1Element> elements, out string? error)
    {
        if (!TryRead(ai, data, options, out var element, out error)) return false;
        var same = elements.Find(e => e.Ai == ai.Code);
        if (same is not null)
        {
            // GS1 General Specifications: an AI repeated with different data makes the element string invalid.
            if (same.Data != element!.Data)
            {
                error = $"The barcode has two different {ai.Title}s; scan it again or type the product number.";
                return false;
            }
            return true;
        }
        elements.Add(element!);
        return true;
    }

    private static bool TryRead(Gs1ApplicationIdentifier ai, string data, Gs1ReadOptions options, out Gs1Element? element, out string? error)
    {
        element = null;
        if (data.Length == 0)
        {
            error = $"The barcode's {ai.Title} (AI {ai.Code}) is empty.";
            return false;
        }
        if (data.Length > ai.MaxLength)
        {
            error = TooLong(ai);
            return false;
        }
        if (ai.Kind is not Gs1DataKind.Text && !data.All(char.IsAsciiDigit))
        {
            error = ai.Kind is Gs1DataKind.Date
                ? $"The barcode's {ai.Title} \"{data}\" is not a real date (it should read YYMMDD)."
                : $"The barcode's {ai.Title} (AI {ai.Code}) should have only digits.";
            return false;
        }
        switch (ai.Kind)
        {
            case Gs1DataKind.Gtin:
                if (!Shared.Gtin.TryParse(data, out _, out error)) return false;
                break;
            case Gs1DataKind.Sscc:
                if (!Shared.Gtin.HasValidCheckDigit(data))
                {
                    error = $"The barcode's {ai.Title} is not valid (the check digit is wrong).";
                    return false;
                }
                break;
            case Gs1DataKind.Date:
                if (!Gs1Date.TryParse(data, options.Today, out var date))
                {
                    error = $"The barcode's {ai.Title} \"{data}\" is not a real date (it should read YYMMDD).";
                    return false;
                }
                element = new Gs1Element(ai, data) { Date = date };
                error = null;
                return true;
            case Gs1DataKind.Numeric:
                break;
            case Gs1DataKind.Text:
                if (!data.All(IsEncodable))
                {
                    error = $"The barcode's {ai.Title} has characters a barcode cannot carry; scan it again or type it.";
                    return false;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(ai), ai.Kind, "Not a GS1 data kind.");
        }
        element = new Gs1Element(ai, data);
        error = null;
        return true;
    }

    /// <summary>GS1 AI encodable character set 82 (GS1 General Specifications, the character set of AI data).</summary>
    public static bool IsEncodable(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!\"%&'()*+,-./:;<=>?_".Contains(c, StringComparison.Ordinal);

    private static string UnknownAi(ReadOnlySpan<char> at)
    {
        var shown = new StringBuilder();
        foreach (var c in at[..Math.Min(at.Length, Gs1ApplicationIdentifier.LongestCode)])
            shown.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? '?' : c);
        return shown.Length == 0
            ? "The barcode ends too early."
            : $"The barcode has a field we do not read (it starts \"{shown}\"); type the product number instead.";
    }

    private static string TooLong(Gs1ApplicationIdentifier ai) =>
        $"The barcode's {ai.Title} is longer than {ai.MaxLength} characters.";

    private static string Truncated(Gs1ApplicationIdentifier ai) =>
        $"The barcode ends too early: its {ai.Title} (AI {ai.Code}) should have {ai.MaxLength} characters. Scan it again.";
}
