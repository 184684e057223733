using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Codes;

public class Gs1ElementStringTests
{
    private const string GS = "\u001D";
    private static readonly Gs1ReadOptions In2026 = new(new DateOnly(2026, 1, 15));

    private static Gs1ElementString Read(string raw, Gs1ReadOptions? options = null)
    {
        Assert.True(Gs1ElementString.TryParse(raw, options ?? In2026, out var result, out var error), error);
        return result;
    }

    private static string Refusal(string raw, Gs1ReadOptions? options = null)
    {
        Assert.False(Gs1ElementString.TryParse(raw, options ?? In2026, out var result, out var error));
        Assert.Null(result);
        return error!;
    }

    // GS1 DataMatrix Guideline example: (01)03453120000011(17)120508(10)ABCD1234(410)9501101020917.
    [Theory]
    [InlineData("]d2" + "0103453120000011" + "17120508" + "10ABCD1234" + GS + "4109501101020917")]
    [InlineData("0103453120000011" + "17120508" + "10ABCD1234" + GS + "4109501101020917")]
    [InlineData(GS + "0103453120000011" + "17120508" + "10ABCD1234" + GS + "4109501101020917")]
    [InlineData("]d2" + "0103453120000011" + "17120508" + "10ABCD1234" + "<GS>" + "4109501101020917")]
    [InlineData("(01)03453120000011(17)120508(10)ABCD1234(410)9501101020917")]
    [InlineData("(01) 03453120000011 (17) 120508 (10) ABCD1234 (410) 9501101020917")]
    public void Reads_the_gs1_datamatrix_guideline_example_in_every_form_a_scanner_sends(string raw)
    {
        var gs1 = Read(raw);
        Assert.Equal(Gtin.Parse("03453120000011"), gs1.Gtin);
        Assert.Equal(new DateOnly(2012, 5, 8), gs1.Expiry);
        Assert.Equal("ABCD1234", gs1.Lot);
        Assert.Null(gs1.Serial);
        Assert.Equal("9501101020917", gs1.Find("410")?.Data);
        Assert.Equal("(01)03453120000011(17)120508(10)ABCD1234(410)9501101020917", gs1.ToString());
    }

    // GS1 General Specifications figure 2.6.14-3: (01)09501101530003(17)150119(10)AB-123.
    [Theory]
    [InlineData("]C1" + "0109501101530003" + "17150119" + "10AB-123")]
    [InlineData("]Q3" + "0109501101530003" + "17150119" + "10AB-123" + GS)]
    [InlineData("]e0" + "0109501101530003" + "17150119" + "10AB-123")]
    [InlineData("]J1" + "0109501101530003" + "17150119" + "10AB-123")]
    public void Strips_the_gs1_symbology_identifiers(string raw)
    {
        var gs1 = Read(raw);
        Assert.Equal(Gtin.Parse("09501101530003"), gs1.Gtin);
        Assert.Equal(new DateOnly(2015, 1, 19), gs1.Expiry);
        Assert.Equal("AB-123", gs1.Lot);
    }

    [Fact]
    public void Reads_a_dscsa_package_with_serial_number()
    {
        var gs1 = Read("]d2" + "0109506000134352" + "17260531" + "10LOT42" + GS + "21SN123456789");
        Assert.Equal(Gtin.Parse("09506000134352"), gs1.Gtin);
        Assert.Equal(new DateOnly(2026, 5, 31), gs1.Expiry);
        Assert.Equal("LOT42", gs1.Lot);
        Assert.Equal("SN123456789", gs1.Serial);
        Assert.Equal(["01", "17", "10", "21"], gs1.Elements.Select(e => e.Ai));
    }

    [Fact]
    public void Serial_before_lot_works_too()
    {
        var gs1 = Read("0109506000134352" + "21ABC" + GS + "17270228" + "10X1");
        Assert.Equal("ABC", gs1.Serial);
        Assert.Equal("X1", gs1.Lot);
        Assert.Equal(new DateOnly(2027, 2, 28), gs1.Expiry);
    }

    [Theory]
    [InlineData("260200", 2026, 2, 28)]
    [InlineData("280200", 2028, 2, 29)]   // leap year
    [InlineData("261200", 2026, 12, 31)]
    [InlineData("260400", 2026, 4, 30)]
    public void Day_00_means_the_last_day_of_the_month(string yymmdd, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Read("0109506000134352" + "17" + yymmdd).Expiry);

    // GS1 General Specifications §7.12: 51..99 years ahead is the previous century, 50..99 behind the next.
    [Theory]
    [InlineData(2026, 76, 2076)]
    [InlineData(2026, 77, 1977)]
    [InlineData(2026, 0, 2000)]
    [InlineData(2026, 26, 2026)]
    [InlineData(2080, 31, 2031)]
    [InlineData(2080, 30, 2130)]
    [InlineData(2099, 49, 2149)]
    [InlineData(2099, 50, 2050)]
    [InlineData(2000, 50, 2050)]
    [InlineData(2000, 51, 1951)]
    public void Places_two_digit_years_in_the_gs1_century_window(int currentYear, int yy, int expected) =>
        Assert.Equal(expected, Gs1Date.YearOf(yy, currentYear));

    [Fact]
    public void The_window_uses_the_day_of_reading()
    {
        var options = new Gs1ReadOptions(new DateOnly(2080, 6, 1));
        Assert.Equal(new DateOnly(2130, 1, 31), Read("0109506000134352" + "17300131", options).Expiry);
    }

    [Fact]
    public void Skips_other_dates_and_counts_without_losing_its_place()
    {
        var gs1 = Read("]C1" + "0109506000134352" + "11250101" + "13250102" + "15270101" + "16270102" + "17270131"
                       + "3712" + GS + "30144" + GS + "3103000500" + "10LOT-7" + GS + "2101");
        Assert.Equal(new DateOnly(2027, 1, 31), gs1.Expiry);
        Assert.Equal("LOT-7", gs1.Lot);
        Assert.Equal("01", gs1.Serial);
        Assert.Equal("12", gs1.Find("37")?.Data);
        Assert.Equal("144", gs1.Find("30")?.Data);
        Assert.Equal("000500", gs1.Find("3103")?.Data);
        Assert.Equal(new DateOnly(2025, 1, 1), gs1.Find("11")?.Date);
        Assert.Equal(new DateOnly(2027, 1, 2), gs1.Find(Gs1ApplicationIdentifier.SellBy)?.Date);
    }

    [Fact]
    public void A_separator_after_a_fixed_length_field_is_allowed() =>
        Assert.Equal("A", Read("0109506000134352" + GS + "17260531" + GS + "10A").Lot);

    [Fact]
    public void A_configured_stand_in_replaces_the_group_separator()
    {
        var options = In2026 with { GroupSeparatorStandIns = ["^]"] };
        var gs1 = Read("0109506000134352" + "10LOT1^]" + "21S1", options);
        Assert.Equal("LOT1", gs1.Lot);
        Assert.Equal("S1", gs1.Serial);
    }

    [Fact]
    public void A_repeated_field_with_the_same_data_is_read_once() =>
        Assert.Single(Read("(01)09506000134352(01)09506000134352").Elements);

    [Theory]
    [InlineData("0109506000134352" + "0412", "field we do not read")]
    [InlineData("(01)09506000134352(04)12", "field we do not read")]
    [InlineData("0109506000134352" + "ABC", "field we do not read")]
    [InlineData("01095060001343", "ends too early")]
    [InlineData("0109506000134352" + "172605", "ends too early")]
    [InlineData("0109506000134352" + "1726" + GS + "10A", "ends too early")]
    [InlineData("(01)0950600013435(17)260531", "ends too early")]
    [InlineData("(01)09506000134352(17)2605311", "too long")]
    [InlineData("0109506000134352" + "17261331", "not a real date")]
    [InlineData("0109506000134352" + "17260230", "not a real date")]
    [InlineData("0109506000134352" + "1726A531", "not a real date")]
    [InlineData("0109506000134353" + "17260531", "check digit is wrong")]
    [InlineData("01 9506000134352", "should have only digits")]
    [InlineData("0109506000134352" + "37A2", "should have only digits")]
    [InlineData("0109506000134352" + "10ABCDEFGHIJKLMNOPQRSTU", "lot number is longer than 20 characters")]
    [InlineData("0109506000134352" + "10ABCDEFGHIJKLMNOPQRST" + "XYZ", "lot number is longer than 20 characters")]
    [InlineData("0109506000134352" + "21ABCDEFGHIJKLMNOPQRST" + "U", "serial number is longer than 20 characters")]
    [InlineData("0109506000134352" + "21" + GS + "10A", "serial number (AI 21) is empty")]
    [InlineData("0109506000134352" + "10AB#C", "characters a barcode cannot carry")]
    [InlineData("(01)09506000134352(01)09501101530003", "two different")]
    [InlineData("0009506000134352", "ends too early")]
    [InlineData("00376104250021234568", "check digit is wrong")]
    [InlineData("]E00036000291452", "does not carry GS1 data")]
    [InlineData("", "No barcode was read")]
    [InlineData(GS, "No barcode was read")]
    [InlineData("]d2", "No barcode was read")]
    [InlineData("(01", "not in the form")]
    public void Refuses_damaged_or_unknown_data_with_a_plain_reason(string raw, string reason) =>
        Assert.Contains(reason, Refusal(raw), StringComparison.Ordinal);

    [Fact]
    public void Parse_throws_the_reason() =>
        Assert.Contains("check digit", Assert.Throws<DomainException>(() => Gs1ElementString.Parse("0109506000134353", In2026)).Message, StringComparison.Ordinal);

    [Fact]
    public void Reads_with_the_system_clock_when_no_day_is_given()
    {
        Assert.True(Gs1ElementString.TryParse("0109506000134352" + "10A", out var gs1, out var error), error);
        Assert.Equal("A", gs1.Lot);
    }

    [Fact]
    public void Shipping_container_code_is_read_with_its_check_digit() =>
        Assert.Equal("376104250021234569", Read("00376104250021234569").Find(Gs1ApplicationIdentifier.Sscc)?.Data);

    // Strings made of the pieces that confuse a parser: AIs, digits, separators, brackets,
    // symbology identifiers, stand-ins, letters and control characters.
    internal static readonly Gen<string> Noise =
        Gen.ArrayOf(Gen.Elements(
                "01", "10", "17", "21", "00", "31", "3103", "37", "410", "7003", "99", "04",
                "0", "1", "2", "9", "09506000134352", "260531", "261399",
                GS, "<GS>", "\u241D", "(", ")", "(01)", "(10)", "]d2", "]C1", "]", "]E0",
                "A", "z", "#", " ", "-", "\0", "\u0004", "\r\n", "\t", "\u00A0", "é", "\uD83D", "S", "NDC"))
            .Select(string.Concat);

    private static readonly Arbitrary<string> NoisyStrings = Arb.From(Gen.OneOf(Noise, ArbMap.Default.GeneratorFor<string>()));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Never_throws_and_always_explains_a_refusal() =>
        Prop.ForAll(NoisyStrings, raw =>
            Gs1ElementString.TryParse(raw, In2026, out var result, out var error)
                ? result is not null && error is null && result.Elements.Count > 0
                : result is null && !string.IsNullOrWhiteSpace(error));

    private static readonly Gen<string> LotText =
        Gen.Choose(1, 20).SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCXYZabc0123456789-./_!%&*+:;<=>?".ToCharArray()), n))
            .Select(cs => new string(cs));

    private static readonly Arbitrary<(string Gtin, DateOnly Expiry, string Lot, string Serial)> Packages = Arb.From(
        from body in Gen.ArrayOf(Gen.Choose(0, 9), 13).Select(ds => string.Concat(ds))
        from days in Gen.Choose(0, 365 * 40)
        from lot in LotText
        from serial in LotText
        select (body + Gtin.CheckDigit(body), new DateOnly(2010, 1, 1).AddDays(days), lot, serial));

    [FsCheck.Xunit.Property]
    public Property A_package_barcode_reads_back_as_written_in_both_forms() =>
        Prop.ForAll(Packages, p =>
        {
            var yymmdd = p.Expiry.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var plain = $"]d201{p.Gtin}17{yymmdd}10{p.Lot}{GS}21{p.Serial}";
            var fromPlain = Read(plain);
            var fromBrackets = Read(fromPlain.ToString());
            return fromPlain.Gtin == Gtin.Parse(p.Gtin) && fromPlain.Expiry == p.Expiry
                && fromPlain.Lot == p.Lot && fromPlain.Serial == p.Serial
                && fromBrackets.ToString() == fromPlain.ToString();
        });
}
