using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Catalog.Scanning;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Codes;

public class ScannedCodeTests
{
    private const string GS = "\u001D";
    private static readonly Gs1ReadOptions In2026 = new(new DateOnly(2026, 1, 15));

    private static ScannedCode Scan(string? raw) => ScannedCode.Interpret(raw, In2026);

    [Theory]
    [InlineData("036000291452")]
    [InlineData("  036000291452\r\n")]
    [InlineData("0036000291452")]
    [InlineData("00036000291452")]
    [InlineData("]E00036000291452")]
    [InlineData("0 36000 29145 2")]
    public void A_retail_barcode_is_a_product(string raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Product, code.Kind);
        Assert.Equal(Gtin.Parse("036000291452"), code.Gtin);
        Assert.Empty(code.NdcCandidates);
        Assert.Null(code.Lot);
        Assert.Null(code.Message);
    }

    [Theory]
    [InlineData("96385074")]
    [InlineData("]E496385074")]
    public void An_ean8_is_a_product(string raw) =>
        Assert.Equal(Gtin.Parse("96385074"), Scan(raw).Gtin);

    [Theory]
    [InlineData("04252614")]
    [InlineData("]E004252614")]
    [InlineData("042100005264")]
    public void A_upc_e_is_the_product_of_its_upc_a(string raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Product, code.Kind);
        Assert.Equal(Gtin.Parse("042100005264"), code.Gtin);
    }

    [Fact]
    public void Eight_digits_the_scanner_calls_ean8_stay_ean8() =>
        Assert.Equal("00000004252610", Scan("]E404252610").Gtin?.Value);

    [Fact]
    public void A_case_barcode_from_itf14_is_a_product() =>
        Assert.Equal(Gtin.Parse("10614141000415"), Scan("]I110614141000415").Gtin);

    [Fact]
    public void A_wrong_check_digit_gives_the_barcode_message()
    {
        var code = Scan("036000291453");
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Equal("\"036000291453\" is not a valid barcode (the check digit is wrong). Scan it again or type it.", code.Message);
    }

    [Fact]
    public void A_drug_upc_is_a_product_with_the_ndcs_it_may_carry()
    {
        var code = Scan("312345678906");
        Assert.Equal(ScannedCodeKind.Product, code.Kind);
        Assert.Equal(["01234567890", "12345067890", "12345678900"], code.NdcCandidates.Select(n => n.Value));
    }

    [Theory]
    [InlineData("]d2" + "0100312345678906" + "17270600" + "10LOT42A" + GS + "21SN0001")]
    [InlineData("0100312345678906" + "17270600" + "10LOT42A" + GS + "21SN0001")]
    [InlineData("0100312345678906" + "17270600" + "10LOT42A" + "<GS>" + "21SN0001")]
    [InlineData("(01)00312345678906(17)270600(10)LOT42A(21)SN0001")]
    public void A_drug_datamatrix_gives_product_lot_expiry_and_serial(string raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Product, code.Kind);
        Assert.Equal(Gtin.Parse("312345678906"), code.Gtin);
        Assert.Equal("LOT42A", code.Lot);
        Assert.Equal(new DateOnly(2027, 6, 30), code.Expiry);
        Assert.Equal("SN0001", code.Serial);
        Assert.Equal(3, code.NdcCandidates.Count);
    }

    [Fact]
    public void A_damaged_datamatrix_gives_the_gs1_reason()
    {
        var code = Scan("]d2" + "0100312345678906" + "17271340" + "10LOT");
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Contains("expiry date \"271340\" is not a real date", code.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipping_label_is_not_a_product()
    {
        var code = Scan("(00)376104250021234569");
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Contains("no product number", code.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234-5678-90", "01234567890", NdcFormat.FourFourTwo)]
    [InlineData("12345-678-90", "12345067890", NdcFormat.FiveThreeTwo)]
    [InlineData("12345-6789-0", "12345678900", NdcFormat.FiveFourOne)]
    [InlineData("NDC 12345-6789-0", "12345678900", NdcFormat.FiveFourOne)]
    public void A_hyphenated_ten_digit_ndc_is_an_ndc_in_its_format(string raw, string eleven, NdcFormat format)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Ndc, code.Kind);
        Assert.Equal(Ndc.FromEleven(eleven), code.Ndc);
        Assert.Equal(format, code.NdcFormat);
        Assert.Equal([Ndc.FromEleven(eleven)], code.NdcCandidates);
    }

    [Theory]
    [InlineData("12345-6789-01")]
    [InlineData("12345678901")]
    public void An_eleven_digit_ndc_is_an_ndc(string raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Ndc, code.Kind);
        Assert.Equal(Ndc.FromEleven("12345678901"), code.Ndc);
        Assert.Null(code.NdcFormat);
    }

    [Fact]
    public void Ten_plain_digits_ask_for_the_hyphens()
    {
        var code = Scan("1234567890");
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Contains("hyphens", code.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123-45-6789", "4-4-2, 5-3-2, 5-4-1 or 5-4-2")]
    [InlineData("NDC 12345", "5 digits")]
    public void A_malformed_ndc_says_why(string raw, string reason)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Contains(reason, code.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S2026112600123", "S2026112600123")]
    [InlineData("S123456", "S123456")]
    [InlineData("s2026112600123", "S2026112600123")]
    public void A_receipt_number_is_a_sale_number(string raw, string saleNumber)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.SaleNumber, code.Kind);
        Assert.Equal(saleNumber, code.SaleNumber);
    }

    [Theory]
    [InlineData("advil")]
    [InlineData("Advil Liqui-Gels 200 mg")]
    [InlineData("B12")]
    [InlineData("ABC")]
    [InlineData("Claritin-D")]
    [InlineData("S12345")]
    public void Words_are_a_name_search(string raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.NameSearch, code.Kind);
        Assert.Equal(raw, code.SearchText);
    }

    [Theory]
    [InlineData("ABC123456")]
    [InlineData("03600029145X")]
    [InlineData("12345")]
    [InlineData("S123456789012345678901")]
    [InlineData("!!!")]
    [InlineData("]A0ABC")]
    public void A_code_we_do_not_know_is_unrecognised_with_a_plain_message(string raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Equal($"\"{raw}\" is not a barcode or product code we know.", code.Message);
    }

    [Fact]
    public void Control_characters_are_shown_as_question_marks()
    {
        var code = Scan("abc\u0007def");
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Equal("\"abc?def\" is not a barcode or product code we know.", code.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n")]
    public void Nothing_read_says_so(string? raw)
    {
        var code = Scan(raw);
        Assert.Equal(ScannedCodeKind.Unrecognised, code.Kind);
        Assert.Equal("No barcode was read.", code.Message);
    }

    [Fact]
    public void A_very_long_input_is_refused() =>
        Assert.Equal(ScannedCodeKind.Unrecognised, Scan(new string('a', ScannedCode.MaxInputLength + 1)).Kind);

    [Fact]
    public void A_long_phrase_is_too_long_to_search() =>
        Assert.Equal(ScannedCodeKind.Unrecognised, Scan(string.Join(' ', Enumerable.Repeat("aspirin", 40))).Kind);

    [Fact]
    public void Interprets_with_the_system_clock_when_no_day_is_given() =>
        Assert.Equal(ScannedCodeKind.Product, ScannedCode.Interpret("036000291452").Kind);

    private static readonly Arbitrary<string> AnyInput =
        Arb.From(Gen.OneOf(Gs1ElementStringTests.Noise, ArbMap.Default.GeneratorFor<string>()));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Never_throws_and_every_kind_carries_what_the_register_needs() =>
        Prop.ForAll(AnyInput, raw =>
        {
            var code = Scan(raw);
            return code.Kind switch
            {
                ScannedCodeKind.Product => code.Gtin is not null && code.Message is null,
                ScannedCodeKind.Ndc => code.Ndc is not null && code.NdcCandidates.Count == 1,
                ScannedCodeKind.SaleNumber => code.SaleNumber is not null,
                ScannedCodeKind.NameSearch => !string.IsNullOrWhiteSpace(code.SearchText),
                ScannedCodeKind.Unrecognised => !string.IsNullOrWhiteSpace(code.Message),
            };
        });
}
