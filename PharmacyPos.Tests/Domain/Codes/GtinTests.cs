using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Codes;

public class GtinTests
{
    [Theory]
    [InlineData("036000291452")]        // UPC-A example from the GS1 US guide
    [InlineData("614141000418")]        // UPC-A with the GS1 US example company prefix 0614141
    [InlineData("4006381333931")]       // EAN-13
    [InlineData("6291041500213")]       // GS1 check digit calculation example (629104150021 → 3)
    [InlineData("9501101020917")]       // GLN in the GS1 DataMatrix Guideline example; same algorithm
    [InlineData("10614141000415")]      // GTIN-14 from the GS1 General Specifications
    [InlineData("09506000134352")]      // GS1 Digital Link standard's example GTIN
    [InlineData("03453120000011")]      // GS1 DataMatrix Guideline example GTIN
    [InlineData("96385074")]            // EAN-8
    public void Accepts_codes_with_a_valid_check_digit(string code) =>
        Assert.True(Gtin.TryParse(code, out _, out var error), error);

    [Theory]
    [InlineData("03600029145", 2)]
    [InlineData("629104150021", 3)]
    [InlineData("0950600013435", 2)]
    [InlineData("9638507", 4)]
    [InlineData("37610425002123456", 9)]  // SSCC of the same GS1 check digit example
    public void Computes_the_published_check_digit(string body, int checkDigit) =>
        Assert.Equal(checkDigit, Gtin.CheckDigit(body));

    [Fact]
    public void Sscc_check_digit_is_checked_with_the_same_rule()
    {
        Assert.True(Gtin.HasValidCheckDigit("376104250021234569"));
        Assert.False(Gtin.HasValidCheckDigit("376104250021234568"));
    }

    [Theory]
    [InlineData("036000291453", "check digit")]
    [InlineData("03600029145", "11 digits")]
    [InlineData("03600029145X", "only digits")]
    [InlineData("", "No barcode")]
    [InlineData("   ", "No barcode")]
    public void Refuses_bad_codes_with_a_reason(string code, string reason)
    {
        Assert.False(Gtin.TryParse(code, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_domain_exception_with_the_reason() =>
        Assert.Contains("check digit", Assert.Throws<DomainException>(() => Gtin.Parse("036000291453")).Message, StringComparison.Ordinal);

    [Fact]
    public void Upc_ean13_and_gtin14_of_one_item_are_the_same_item()
    {
        Assert.Equal(Gtin.Parse("036000291452"), Gtin.Parse("00036000291452"));
        Assert.Equal(Gtin.Parse("036000291452"), Gtin.Parse("0036000291452"));
    }

    [Fact]
    public void Shows_upc_a_for_us_items_and_ean13_otherwise()
    {
        var upc = Gtin.Parse("036000291452");
        Assert.Equal("036000291452", upc.ToString());
        Assert.Equal("036000291452", upc.UpcA);
        Assert.Equal("0036000291452", upc.Ean13);
        Assert.Equal("4006381333931", Gtin.Parse("4006381333931").ToString());
        Assert.Null(Gtin.Parse("4006381333931").UpcA);
    }

    [Fact]
    public void Case_gtin_has_its_indicator_digit()
    {
        var gtin = Gtin.Parse("10614141000415");
        Assert.Equal(1, gtin.IndicatorDigit);
        Assert.Null(gtin.Ean13);
        Assert.Equal("10614141000415", gtin.ToString());
    }

    [Fact]
    public void From_body_appends_the_check_digit() =>
        Assert.Equal(Gtin.Parse("6291041500213"), Gtin.FromBody("629104150021"));

    [Theory]
    [InlineData("12345")]
    [InlineData("62910415002X")]
    [InlineData("")]
    public void From_body_refuses_what_cannot_be_a_barcode(string body) =>
        Assert.Throws<DomainException>(() => Gtin.FromBody(body));

    private static Gen<string> Digits(int length) =>
        Gen.ArrayOf(Gen.Choose(0, 9), length).Select(ds => string.Concat(ds));

    private static readonly Arbitrary<string> Bodies =
        Arb.From(Gen.Elements(7, 11, 12, 13).SelectMany(Digits));

    [FsCheck.Xunit.Property]
    public Property A_generated_check_digit_makes_a_valid_barcode() =>
        Prop.ForAll(Bodies, body =>
        {
            var gtin = Gtin.FromBody(body);
            var code = body + Gtin.CheckDigit(body);
            return Gtin.Parse(code) == gtin && gtin.Value == code.PadLeft(Gtin.Length, '0');
        });

    [FsCheck.Xunit.Property]
    public Property Any_other_last_digit_is_refused() =>
        Prop.ForAll(Bodies, body =>
        {
            var right = Gtin.CheckDigit(body);
            return Enumerable.Range(0, 10).Where(d => d != right)
                .All(d => !Gtin.TryParse(body + d, out _, out var error) && error!.Contains("check digit", StringComparison.Ordinal));
        });

    [FsCheck.Xunit.Property]
    public bool Parsing_never_throws(string? text) => Gtin.TryParse(text, out _, out var error) || error is not null;
}

public class UpcETests
{
    // The UPC-E examples of the Universal Product Code reference, expanded by the GS1 zero-suppression rules.
    [Theory]
    [InlineData("01234565", "012345000065")]
    [InlineData("04252614", "042100005264")]
    [InlineData("00123457", "001234000057")]
    [InlineData("01234505", "012000003455")]
    public void Expands_a_upc_e_to_its_upc_a(string upcE, string upcA)
    {
        Assert.True(Gtin.TryParseUpcE(upcE, out var gtin, out var error), error);
        Assert.Equal(upcA, gtin.UpcA);
    }

    [Theory]
    [InlineData("01234566", "check digit")]
    [InlineData("21234565", "starts with 0 or 1")]
    [InlineData("0123456", "8 digits")]
    public void Refuses_what_is_not_a_upc_e(string text, string reason)
    {
        Assert.False(Gtin.TryParseUpcE(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
