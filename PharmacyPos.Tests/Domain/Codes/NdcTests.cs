using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Codes;

public class NdcTests
{
    // The 10-to-11-digit conversion table of the HIPAA (CMS) 5-4-2 billing format, as payers
    // publish it: a zero goes in front of the short segment.
    [Theory]
    [InlineData("1234-5678-90", "01234567890", NdcFormat.FourFourTwo)]
    [InlineData("12345-678-90", "12345067890", NdcFormat.FiveThreeTwo)]
    [InlineData("12345-6789-0", "12345678900", NdcFormat.FiveFourOne)]
    public void Converts_a_hyphenated_ten_digit_ndc_to_the_billing_form(string label, string eleven, NdcFormat format)
    {
        Assert.True(Ndc.TryParse(label, out var ndc, out var typedFormat, out var error), error);
        Assert.Equal(eleven, ndc.Value);
        Assert.Equal(format, typedFormat);
        Assert.Equal(label, ndc.ToFdaForm(format));
        Assert.Equal(label.Replace("-", "", StringComparison.Ordinal), ndc.ToTenDigit(format));
    }

    [Theory]
    [InlineData("12345-6789-01")]
    [InlineData("12345678901")]
    [InlineData(" NDC 12345-6789-01 ")]
    [InlineData("ndc: 12345678901")]
    public void Reads_the_eleven_digit_form_with_or_without_hyphens(string text)
    {
        Assert.True(Ndc.TryParse(text, out var ndc, out var format, out var error), error);
        Assert.Equal("12345678901", ndc.Value);
        Assert.Null(format);
    }

    [Theory]
    [InlineData("1234567890", "hyphens")]
    [InlineData("123-4567-890", "4-4-2, 5-3-2, 5-4-1 or 5-4-2")]
    [InlineData("12345-67-890", "4-4-2, 5-3-2, 5-4-1 or 5-4-2")]
    [InlineData("1234-5678-9O", "only digits")]
    [InlineData("123456789", "9 digits")]
    [InlineData("", "Enter an NDC")]
    public void Refuses_what_is_not_an_ndc_with_a_reason(string text, string reason)
    {
        Assert.False(Ndc.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => Ndc.Parse(text));
    }

    [Fact]
    public void Keeps_the_existing_eleven_digit_api()
    {
        var ndc = Ndc.FromEleven("12345-6789-01");
        Assert.Equal("12345678901", ndc.Value);
        Assert.Equal("12345", ndc.Labeler);
        Assert.Equal("6789", ndc.ProductCode);
        Assert.Equal("01", ndc.PackageCode);
        Assert.Equal("12345-6789-01", ndc.ToString());
        Assert.Throws<DomainException>(() => Ndc.FromEleven("1234-5678-90"));
    }

    [Fact]
    public void Ten_digits_from_a_barcode_give_the_three_possible_ndcs()
    {
        var candidates = Ndc.CandidatesFromTenDigits("1234567890");
        Assert.Equal(["01234567890", "12345067890", "12345678900"], candidates.Select(n => n.Value));
    }

    [Fact]
    public void Readings_that_give_the_same_digits_are_listed_once() =>
        Assert.Equal(2, Ndc.CandidatesFromTenDigits("0000012340").Count);

    [Fact]
    public void Drug_upc_is_3_then_the_ndc_then_the_check_digit()
    {
        var ndc = Ndc.Parse("1234-5678-90");
        var gtin = ndc.ToGtin(NdcFormat.FourFourTwo);
        Assert.Equal("312345678906", gtin.UpcA);
        Assert.Equal("00312345678906", gtin.Value);
    }

    [Fact]
    public void Case_gtin_of_a_drug_keeps_the_ndc_after_its_indicator_digit()
    {
        var gtin = Ndc.Parse("1234-5678-90").ToGtin(NdcFormat.FourFourTwo, indicatorDigit: 5);
        Assert.Equal("50312345678901", gtin.Value);
        Assert.True(Ndc.TryFromGtin(gtin, out var candidates));
        Assert.Contains(Ndc.FromEleven("01234567890"), candidates);
    }

    [Fact]
    public void The_ndc_inside_a_drug_upc_has_three_candidates_and_the_real_one_is_among_them()
    {
        Assert.True(Ndc.TryFromGtin(Gtin.Parse("312345678906"), out var candidates));
        Assert.Equal(3, candidates.Count);
        Assert.Contains(Ndc.FromEleven("01234567890"), candidates);
    }

    [Theory]
    [InlineData("036000291452")]     // grocery UPC, number system 0
    [InlineData("4006381333931")]    // EAN-13 from Germany
    [InlineData("96385074")]         // EAN-8
    public void Other_barcodes_carry_no_ndc(string code)
    {
        Assert.False(Ndc.TryFromGtin(Gtin.Parse(code), out var candidates));
        Assert.Empty(candidates);
    }

    [Fact]
    public void Says_which_ten_digit_formats_an_ndc_can_be_written_in()
    {
        Assert.Equal([NdcFormat.FourFourTwo, NdcFormat.FiveFourOne], Ndc.FromEleven("01234567801").TenDigitFormats);
        Assert.Empty(Ndc.FromEleven("12345678911").TenDigitFormats);
    }

    [Fact]
    public void Refuses_a_ten_digit_form_whose_padding_zero_is_missing()
    {
        var ndc = Ndc.FromEleven("12345678901");
        Assert.False(ndc.TryToTenDigit(NdcFormat.FourFourTwo, out _));
        Assert.Throws<DomainException>(() => ndc.ToTenDigit(NdcFormat.FourFourTwo));
        Assert.Throws<DomainException>(() => ndc.ToGtin(NdcFormat.FiveThreeTwo));
    }

    [Fact]
    public void Refuses_an_indicator_digit_of_a_variable_measure_item() =>
        Assert.Throws<DomainException>(() => Ndc.Parse("1234-5678-90").ToGtin(NdcFormat.FourFourTwo, indicatorDigit: 9));

    [Theory]
    [InlineData("123456789")]
    [InlineData("12345678901")]
    [InlineData("12345-6789")]
    public void Candidates_need_exactly_ten_digits(string text) =>
        Assert.Throws<DomainException>(() => Ndc.CandidatesFromTenDigits(text));

    [Fact]
    public void Format_labels_are_the_segment_lengths() =>
        Assert.Equal(["4-4-2", "5-3-2", "5-4-1"], Enum.GetValues<NdcFormat>().Select(f => f.Label()));

    private static readonly Arbitrary<string> TenDigits =
        Arb.From(Gen.ArrayOf(Gen.Choose(0, 9), Ndc.TenDigitLength).Select(ds => string.Concat(ds)));

    private static readonly Arbitrary<NdcFormat> Formats = Arb.From(Gen.Elements(Enum.GetValues<NdcFormat>()));

    [FsCheck.Xunit.Property]
    public Property Ten_to_eleven_is_injective_within_a_format() =>
        Prop.ForAll(TenDigits, TenDigits, Formats, (a, b, format) =>
            (a == b) == (Ndc.FromTenDigit(a, format) == Ndc.FromTenDigit(b, format)));

    [FsCheck.Xunit.Property]
    public Property Eleven_digits_give_back_the_ten_in_the_same_format() =>
        Prop.ForAll(TenDigits, Formats, (ten, format) =>
        {
            var ndc = Ndc.FromTenDigit(ten, format);
            return ndc.ToTenDigit(format) == ten && ndc.TenDigitFormats.Contains(format);
        });

    [FsCheck.Xunit.Property]
    public Property A_drug_gtin_gives_back_its_ndc_among_the_candidates() =>
        Prop.ForAll(TenDigits, Formats, Arb.From(Gen.Choose(0, 8)), (ten, format, indicator) =>
        {
            var ndc = Ndc.FromTenDigit(ten, format);
            var gtin = ndc.ToGtin(format, indicator);
            return Ndc.TryFromGtin(gtin, out var candidates) && candidates.Contains(ndc) && gtin.IndicatorDigit == indicator;
        });

    [FsCheck.Xunit.Property]
    public bool Parsing_never_throws(string? text) =>
        Ndc.TryParse(text, out _, out _, out var error) || error is not null;
}
