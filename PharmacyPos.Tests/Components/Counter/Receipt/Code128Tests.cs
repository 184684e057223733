using PharmacyPos.Web.Features.Counter.Receipt;

namespace PharmacyPos.Tests.Components.Counter.Receipt;

/// <summary>The receipt's Code 128 barcode, checked against published examples and decoded back from its bar widths.</summary>
public class Code128Tests
{
    /// <summary>Decodes bar and space widths (start to termination bar) the way a scanner does: symbol by symbol, checking the check symbol.</summary>
    private static string Decode(IReadOnlyList<int> widths)
    {
        var byPattern = Code128.Patterns.Select((p, v) => (p, v)).ToDictionary(x => x.p, x => x.v);
        var values = new List<int>();
        for (var i = 0; i + 6 <= widths.Count - 7; i += 6)
            values.Add(byPattern[string.Concat(widths.Skip(i).Take(6))]);
        Assert.Equal(Code128.Patterns[Code128.Stop], string.Concat(widths.TakeLast(7)));
        var check = values[^1];
        values.RemoveAt(values.Count - 1);
        Assert.Equal(Code128.Checksum(values), check);

        var text = new System.Text.StringBuilder();
        var setC = values[0] == Code128.StartC;
        Assert.Contains(values[0], new[] { Code128.StartB, Code128.StartC });
        foreach (var v in values.Skip(1))
        {
            if (!setC && v == Code128.CodeC) setC = true;
            else if (setC && v == Code128.CodeB) setC = false;
            else text.Append(setC ? v.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) : ((char)(v + ' ')).ToString());
        }
        return text.ToString();
    }

    [Fact]
    public void Every_symbol_is_eleven_modules_with_an_even_bar_sum_and_the_stop_thirteen()
    {
        Assert.Equal(107, Code128.Patterns.Length);
        Assert.Equal(107, Code128.Patterns.Distinct().Count());
        foreach (var pattern in Code128.Patterns[..106])
        {
            var widths = pattern.Select(c => c - '0').ToArray();
            Assert.Equal(Code128.SymbolModules, widths.Sum());
            // ISO/IEC 15417: the bars of every symbol add up to an even number of modules (the parity a scanner checks).
            Assert.Equal(0, (widths[0] + widths[2] + widths[4]) % 2);
        }
        Assert.Equal(13, Code128.Patterns[Code128.Stop].Sum(c => c - '0'));
    }

    [Theory]
    // Start symbols and the stop as published in bars (1) and spaces (0): Start B 11010010000, Start C 11010011100,
    // Stop 11000111010 with its termination bar 11 (barcodeisland.com, Code 128).
    [InlineData(Code128.StartB, "11010010000")]
    [InlineData(Code128.StartC, "11010011100")]
    [InlineData(Code128.Stop, "1100011101011")]
    public void Start_and_stop_symbols_match_the_published_bar_patterns(int symbol, string modules)
    {
        var drawn = string.Concat(Code128.Patterns[symbol].Select((w, i) => new string(i % 2 == 0 ? '1' : '0', w - '0')));
        Assert.Equal(modules, drawn);
    }

    [Theory]
    // Published check characters: "abcdef" in code set B is 97, "345678" in code set C is 73 (barcoderesource.com);
    // "PJJ123C" after Start A is 54 (Wikipedia, Code 128, check digit calculation).
    [InlineData(new[] { Code128.StartB, 65, 66, 67, 68, 69, 70 }, 97)]
    [InlineData(new[] { Code128.StartC, 34, 56, 78 }, 73)]
    [InlineData(new[] { Code128.StartA, 48, 42, 42, 17, 18, 19, 35 }, 54)]
    public void Check_symbol_is_the_weighted_sum_modulo_103(int[] startAndData, int expected) =>
        Assert.Equal(expected, Code128.Checksum(startAndData));

    [Fact]
    public void A_sale_number_is_start_B_then_code_C_pairs_with_its_check_symbol_and_stop()
    {
        var symbols = Code128.Symbols("S20260310000042");

        Assert.Equal(new[] { Code128.StartB, 'S' - ' ', Code128.CodeC, 20, 26, 3, 10, 0, 0, 42 }, symbols.Take(10));
        // 104 + 51·1 + 99·2 + 20·3 + 26·4 + 3·5 + 10·6 + 0·7 + 0·8 + 42·9 = 970; 970 mod 103 = 43.
        Assert.Equal(43, symbols[^2]);
        Assert.Equal(Code128.Stop, symbols[^1]);
    }

    [Theory]
    [InlineData("S20260310000042")]
    [InlineData("S2026031000004")] // odd digits: one in code set B first
    [InlineData("S123456")]
    [InlineData("HI345678")]
    [InlineData("abcdef")]
    [InlineData("12345")]
    [InlineData("AB123456CD")]
    [InlineData("Rx 42 ~!")]
    public void Bar_widths_decode_back_to_the_text(string text)
    {
        var widths = Code128.Widths(text);

        Assert.Equal(text, Decode(widths));
        Assert.Equal(Code128.SymbolModules * (Code128.Symbols(text).Count - 1) + 13, widths.Sum());
    }

    [Fact]
    public void Svg_draws_one_black_bar_per_bar_width_inside_the_quiet_zones()
    {
        var svg = Code128.Svg("S20260310000042");
        var widths = Code128.Widths("S20260310000042");

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains($"viewBox=\"0 0 {widths.Sum() + 2 * Code128.QuietZoneModules} 40\"", svg, StringComparison.Ordinal);
        Assert.Equal((widths.Count + 1) / 2, System.Text.RegularExpressions.Regex.Count(svg, "fill=\"#000\""));
        Assert.Contains($"<rect x=\"{Code128.QuietZoneModules}\" width=\"2\"", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("café")]
    public void Refuses_text_it_cannot_encode(string text) =>
        Assert.Throws<ArgumentException>(() => Code128.Symbols(text));
}
