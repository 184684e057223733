namespace PharmacyPos.Web.Infrastructure.Export;

/// <summary>CSV cells as RFC 4180 writes them, made safe to open in a spreadsheet. Every CSV export uses this one.</summary>
public static class Csv
{
    /// <summary>
    /// The characters that make a spreadsheet read a cell as a formula when the cell starts with one: = + - @,
    /// and tab and carriage return, which some programs skip before looking at the next character (OWASP, "CSV Injection").
    /// </summary>
    public static readonly IReadOnlyList<char> FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Quotes a cell holding a comma, quote or line break (quotes doubled); a cell starting with one of
    /// <see cref="FormulaStarts"/> gets a leading apostrophe first, so that it is shown as text.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (FormulaStarts.Contains(value[0])) value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
