using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain;

public class GtinTests
{
    [Theory]
    [InlineData("036000291452")]      // UPC-A example from the GS1 US guide
    [InlineData("4006381333931")]     // EAN-13
    [InlineData("10614141000415")]    // GTIN-14 from the GS1 General Specifications
    [InlineData("96385074")]          // EAN-8
    public void Accepts_codes_with_a_valid_check_digit(string code) =>
        Assert.True(Gtin.TryParse(code, out _, out _));

    [Theory]
    [InlineData("036000291453", "check digit")]
    [InlineData("03600029145", "11 digits")]
    [InlineData("03600029145X", "only digits")]
    public void Refuses_bad_codes_with_a_reason(string code, string reason)
    {
        Assert.False(Gtin.TryParse(code, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Upc_and_its_gtin14_are_the_same_item() =>
        Assert.Equal(Gtin.Parse("036000291452"), Gtin.Parse("00036000291452"));
}
