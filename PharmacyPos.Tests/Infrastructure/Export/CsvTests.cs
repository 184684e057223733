using PharmacyPos.Web.Features.Pharmacy.Logbook;
using PharmacyPos.Web.Infrastructure.Export;

namespace PharmacyPos.Tests.Infrastructure.Export;

/// <summary>The one CSV cell writer every export uses: RFC 4180 quoting and no cell a spreadsheet would run as a formula.</summary>
public class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void Every_cell_starting_like_a_formula_is_kept_as_text(string value, string cell) =>
        Assert.Equal(cell, Csv.Cell(value));

    [Fact]
    public void The_formula_characters_are_equals_plus_minus_at_tab_and_carriage_return() =>
        Assert.Equal(['=', '+', '-', '@', '\t', '\r'], Csv.FormulaStarts);

    [Theory]
    [InlineData("Dana Buyer", "Dana Buyer")]
    [InlineData("5 Elm Street, Austin", "\"5 Elm Street, Austin\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Ordinary_cells_are_quoted_only_when_RFC_4180_needs_it(string? value, string cell) =>
        Assert.Equal(cell, Csv.Cell(value));

    [Theory]
    [InlineData('=')]
    [InlineData('+')]
    [InlineData('-')]
    [InlineData('@')]
    [InlineData('\t')]
    [InlineData('\r')]
    public void The_logbook_export_escapes_what_was_typed_at_the_counter(char start)
    {
        var row = new LogbookSearch.Row(Guid.NewGuid(), "BR-001", new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.FromHours(-5)),
            "Pseudoephedrine HCl 30 mg, 48 ct", "Pseudoephedrine", 1, 1.18m, start + "cmd|' /C calc'!A0", "DriversLicense", "TX",
            "D1234567", new DateOnly(1979, 4, 12), start + "1 Main St", HasSignature: true);

        var line = LogbookSearch.CsvLine(row);

        Assert.Contains("'" + start + "cmd|' /C calc'!A0", line, StringComparison.Ordinal);
        Assert.Contains("'" + start + "1 Main St", line, StringComparison.Ordinal);
        Assert.DoesNotContain("," + start + "cmd", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"" + start + "cmd", line, StringComparison.Ordinal);
        Assert.DoesNotContain("," + start + "1 Main", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"" + start + "1 Main", line, StringComparison.Ordinal);
    }
}
