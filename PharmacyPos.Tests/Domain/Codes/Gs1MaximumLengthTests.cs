using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Codes;

/// <summary>
/// A variable-length GS1 field cannot hold more than its maximum, so a field that reaches it has ended:
/// the next AI may follow at once, without a group separator.
/// </summary>
public class Gs1MaximumLengthTests
{
    private const string GS = "\u001D";
    private const string Gtin = "0109506000134352";
    private const string ExpiryField = "17260531";
    private static readonly Gs1ReadOptions In2026 = new(new DateOnly(2026, 1, 15));

    private static List<string> VariableLengthCodes() =>
        [.. Gs1ApplicationIdentifier.All.Where(a => !a.IsFixedLength).Select(a => a.Code).OrderBy(c => c, StringComparer.Ordinal)];

    public static TheoryData<string> VariableLengthAis() => new(VariableLengthCodes());

    /// <summary>Data of exactly <paramref name="length"/> characters that the AI accepts.</summary>
    private static string FullField(Gs1ApplicationIdentifier ai, int length) =>
        ai.Kind is Gs1DataKind.Numeric
            ? string.Concat(Enumerable.Range(0, length).Select(i => (char)('1' + (i % 9))))
            : string.Concat(Enumerable.Range(0, length).Select(i => "AB3-x/Z"[i % 7]));

    [Fact]
    public void Every_variable_length_ai_we_read_is_covered() =>
        Assert.Equal(["10", "21", "22", "235", "240", "241", "242", "30", "37", "400", "420", "710", "711", "712", "713", "714", "715",
            "90", "91", "92", "93", "94", "95", "96", "97", "98", "99"],
            VariableLengthCodes());

    [Theory]
    [MemberData(nameof(VariableLengthAis))]
    public void A_field_at_its_maximum_length_needs_no_separator_before_the_next_ai(string code)
    {
        var ai = Gs1ApplicationIdentifier.Find(code)!;
        var full = FullField(ai, ai.MaxLength);

        Assert.True(Gs1ElementString.TryParse(Gtin + code + full + ExpiryField, In2026, out var gs1, out var error), error);

        Assert.Equal(full, gs1.Find(code)?.Data);
        Assert.Equal(new DateOnly(2026, 5, 31), gs1.Expiry);
        Assert.Equal(3, gs1.Elements.Count);
    }

    [Theory]
    [MemberData(nameof(VariableLengthAis))]
    public void A_field_at_its_maximum_length_still_reads_with_a_separator_or_at_the_end(string code)
    {
        var ai = Gs1ApplicationIdentifier.Find(code)!;
        var full = FullField(ai, ai.MaxLength);

        Assert.True(Gs1ElementString.TryParse(Gtin + code + full + GS + ExpiryField, In2026, out var separated, out var error), error);
        Assert.True(Gs1ElementString.TryParse(Gtin + code + full, In2026, out var last, out error), error);

        Assert.Equal(full, separated.Find(code)?.Data);
        Assert.Equal(new DateOnly(2026, 5, 31), separated.Expiry);
        Assert.Equal(full, last.Find(code)?.Data);
    }

    [Theory]
    [MemberData(nameof(VariableLengthAis))]
    public void A_field_one_character_past_its_maximum_is_refused_as_too_long(string code)
    {
        var ai = Gs1ApplicationIdentifier.Find(code)!;
        var tooLong = FullField(ai, ai.MaxLength + 1);

        Assert.False(Gs1ElementString.TryParse(Gtin + code + tooLong + GS + ExpiryField, In2026, out var result, out var error));
        Assert.Null(result);
        Assert.Contains($"longer than {ai.MaxLength} characters", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VariableLengthAis))]
    public void A_field_one_short_of_its_maximum_still_needs_the_separator(string code)
    {
        var ai = Gs1ApplicationIdentifier.Find(code)!;
        var shorter = FullField(ai, ai.MaxLength - 1);

        Assert.True(Gs1ElementString.TryParse(Gtin + code + shorter + GS + ExpiryField, In2026, out var gs1, out var error), error);
        Assert.Equal(shorter, gs1.Find(code)?.Data);
        // Without the separator the expiry's digits are the field's own: too long for a numeric field,
        // or part of the text for a text field that still has room.
        var joined = Gs1ElementString.TryParse(Gtin + code + shorter + ExpiryField, In2026, out var misjoined, out _);
        Assert.True(!joined || misjoined!.Expiry is null);
    }

    [Fact]
    public void A_dscsa_package_with_a_twenty_character_lot_and_serial_and_no_separators_reads_in_full()
    {
        const string lot = "LOT-2026/ABCDEFGHIJK";
        const string serial = "SN0000000000000000X1";

        var gs1 = Gs1ElementString.Parse("]d2" + Gtin + "10" + lot + "21" + serial + ExpiryField, In2026);

        Assert.Equal(lot, gs1.Lot);
        Assert.Equal(serial, gs1.Serial);
        Assert.Equal(new DateOnly(2026, 5, 31), gs1.Expiry);
        Assert.Equal($"(01)09506000134352(10){lot}(21){serial}(17)260531", gs1.ToString());
    }

    [Fact]
    public void A_bracketed_field_at_its_maximum_length_reads_and_one_past_it_is_refused()
    {
        var twenty = new string('A', 20);
        Assert.Equal(twenty, Gs1ElementString.Parse($"(01)09506000134352(10){twenty}(17)260531", In2026).Lot);
        Assert.False(Gs1ElementString.TryParse($"(01)09506000134352(10){twenty}B(17)260531", In2026, out _, out var error));
        Assert.Contains("longer than 20 characters", error, StringComparison.Ordinal);
    }
}
