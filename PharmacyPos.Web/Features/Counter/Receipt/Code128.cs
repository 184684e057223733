using System.Globalization;
using System.Text;

namespace PharmacyPos.Web.Features.Counter.Receipt;

/// <summary>
/// Code 128 (ISO/IEC 15417) for the sale number printed on receipts, so the returns screen reads it back with the
/// same scanner that reads products. Text is encoded in code set B (ASCII 32 to 126); a run of digits long enough
/// to pay for the switch (4 or more at the end of the text, 6 or more inside it: ISO/IEC 15417 Annex E) is packed
/// two digits per symbol in code set C. A sale number "S" + 14 digits is therefore Start B, "S", Code C, 7 pairs.
/// </summary>
public static class Code128
{
    public const int StartA = 103;
    public const int StartB = 104;
    public const int StartC = 105;
    /// <summary>In code set B: switch to code set C.</summary>
    public const int CodeC = 99;
    /// <summary>In code set C: switch to code set B.</summary>
    public const int CodeB = 100;
    public const int Stop = 106;
    /// <summary>Modules in one symbol; the stop has 13 (its termination bar included).</summary>
    public const int SymbolModules = 11;
    /// <summary>Light margin on each side: at least ten modules (ISO/IEC 15417, 4.4.2).</summary>
    public const int QuietZoneModules = 10;
    public const int MaxTextLength = 80;

    /// <summary>
    /// Bar and space widths, in modules, of the symbol values 0 to 106 (bar first). Value 106 is the stop
    /// with its final 2-module termination bar. The table of ISO/IEC 15417.
    /// </summary>
    internal static readonly string[] Patterns =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>The symbol values of <paramref name="text"/>: start, data (with code set switches), check symbol, stop.</summary>
    public static IReadOnlyList<int> Symbols(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length is 0 or > MaxTextLength)
            throw new ArgumentException($"A Code 128 text here has 1 to {MaxTextLength} characters.", nameof(text));
        if (text.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException("Only printable ASCII characters are encoded.", nameof(text));

        var values = new List<int>();
        var setC = false;
        var i = 0;
        while (i < text.Length)
        {
            var run = DigitRun(text, i);
            var atEnd = i + run == text.Length;
            var worthC = run >= (i == 0 && atEnd ? 2 : atEnd || i == 0 ? 4 : 6);
            if (!setC && worthC)
            {
                // An odd run starts with one digit in code set B, so the pairs line up.
                if (run % 2 == 1)
                {
                    if (values.Count == 0)
                        values.Add(StartB);
                    values.Add(text[i] - ' ');
                    i++;
                    run--;
                }
                values.Add(values.Count == 0 ? StartC : CodeC);
                setC = true;
            }
            if (setC && run >= 2)
            {
                for (; run >= 2; run -= 2, i += 2)
                    values.Add((text[i] - '0') * 10 + (text[i + 1] - '0'));
                continue;
            }
            if (values.Count == 0)
                values.Add(StartB);
            else if (setC)
            {
                values.Add(CodeB);
                setC = false;
            }
            values.Add(text[i] - ' ');
            i++;
        }
        values.Add(Checksum(values));
        values.Add(Stop);
        return values;
    }

    /// <summary>The check symbol: the start value plus each following symbol's value times its position (from 1), modulo 103.</summary>
    public static int Checksum(IReadOnlyList<int> startAndData)
    {
        var sum = startAndData[0];
        for (var position = 1; position < startAndData.Count; position++)
            sum += startAndData[position] * position;
        return sum % 103;
    }

    /// <summary>Bar and space widths in modules, bar first, from the start symbol to the termination bar (quiet zones not included).</summary>
    public static IReadOnlyList<int> Widths(string text) =>
        Symbols(text).SelectMany(v => Patterns[v].Select(c => c - '0')).ToList();

    /// <summary>The barcode as inline SVG, one unit per module, scaled by the page; quiet zones included.</summary>
    public static string Svg(string text, int height = 40)
    {
        var widths = Widths(text);
        var total = widths.Sum() + 2 * QuietZoneModules;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {total} {height}\" preserveAspectRatio=\"none\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Barcode {Escape(text)}\" data-code128=\"{Escape(text)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{total}\" height=\"{height}\" fill=\"#fff\"/>");
        var x = QuietZoneModules;
        for (var e = 0; e < widths.Count; e++)
        {
            if (e % 2 == 0)
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" width=\"{widths[e]}\" height=\"{height}\" fill=\"#000\"/>");
            x += widths[e];
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static int DigitRun(string text, int from)
    {
        var n = 0;
        while (from + n < text.Length && char.IsAsciiDigit(text[from + n]))
            n++;
        return n;
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);
}
