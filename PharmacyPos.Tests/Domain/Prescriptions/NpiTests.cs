using FsCheck.Xunit;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Prescriptions;

public class NpiTests
{
    [Fact]
    public void Accepts_the_example_from_the_CMS_check_digit_requirements()
    {
        // CMS, "Requirements for NPI Check Digit": the nine digits 123456789 take check digit 3.
        Assert.Equal(3, Npi.CheckDigit("123456789"));
        Assert.True(Npi.TryParse("1234567893", out var npi, out var error), error);
        Assert.Equal("1234567893", npi.Value);
    }

    [Theory]
    [InlineData("1234567898", "check digit")]
    [InlineData("123456789", "9 digits")]
    [InlineData("12345678930", "11 digits")]
    [InlineData("12345A7893", "only digits")]
    [InlineData("   ", "Enter the prescriber's NPI")]
    [InlineData(null, "Enter the prescriber's NPI")]
    public void Refuses_bad_NPIs_with_a_reason(string? text, string reason)
    {
        Assert.False(Npi.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_the_reason_for_the_counter() =>
        Assert.Contains("check digit", Assert.Throws<DomainException>(() => Npi.Parse("1234567890")).Message, StringComparison.Ordinal);

    [Property]
    public bool Any_nine_digits_with_their_check_digit_make_an_NPI(uint seed)
    {
        var body = (seed % 1_000_000_000u).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return Npi.TryParse(body + Npi.CheckDigit(body), out var npi, out _) && npi.Value.StartsWith(body, StringComparison.Ordinal);
    }

    [Property]
    public bool A_single_mistyped_digit_is_caught(uint seed, byte position, byte replacement)
    {
        var body = (seed % 1_000_000_000u).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var good = (body + Npi.CheckDigit(body)).ToCharArray();
        var at = position % 10;
        var digit = (char)('0' + replacement % 10);
        if (good[at] == digit)
            return true; // not a typing error
        good[at] = digit;
        return !Npi.TryParse(new string(good), out _, out _);
    }

    [Property]
    public bool Any_text_gives_an_NPI_that_round_trips_or_a_reason(string? text) =>
        Npi.TryParse(text, out var npi, out var error)
            ? error is null && Npi.Parse(npi.ToString()) == npi
            : !string.IsNullOrWhiteSpace(error);
}
