using FsCheck.Xunit;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Prescriptions;

public class DeaNumberTests
{
    // (1 + 3 + 5) + 2 × (2 + 4 + 6) = 33: the check digit is 3.
    [Theory]
    [InlineData("AB1234563")]
    [InlineData("ab1234563")]   // typed in lower case
    [InlineData(" BJ5184279 ")] // (5 + 8 + 2) + 2 × (1 + 4 + 7) = 39
    [InlineData("AP5836727")]   // (5 + 3 + 7) + 2 × (8 + 6 + 2) = 47
    [InlineData("F91234563")]   // a business registrant: 9 in place of the name letter
    [InlineData("MS1234563")]   // a mid-level practitioner
    public void Accepts_numbers_with_a_correct_check_digit(string text)
    {
        Assert.True(DeaNumber.TryParse(text, out var dea, out var error), error);
        Assert.Equal(text.Trim().ToUpperInvariant(), dea.Value);
    }

    [Theory]
    [InlineData("AB1234564", "check digit")]
    [InlineData("AB4523763", "check digit")]   // (4 + 2 + 7) + 2 × (5 + 3 + 6) = 41, not 3
    [InlineData("AB123456", "8 characters")]
    [InlineData("AB12345634", "10 characters")]
    [InlineData("A11234563", "two letters and seven digits")]
    [InlineData("AB12345X3", "two letters and seven digits")]
    [InlineData("1B1234563", "two letters and seven digits")]
    [InlineData("ZB1234563", "no DEA number starts with Z")]
    [InlineData("NB1234563", "no DEA number starts with N")]
    [InlineData("", "Enter the prescriber's DEA number")]
    public void Refuses_bad_numbers_with_a_reason(string text, string reason)
    {
        Assert.False(DeaNumber.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Knows_a_mid_level_practitioner()
    {
        Assert.True(DeaNumber.Parse("MS1234563").IsMidLevelPractitioner);
        Assert.False(DeaNumber.Parse("BS1234563").IsMidLevelPractitioner);
    }

    [Theory]
    [InlineData("AS1234563", "Smith", true)]
    [InlineData("AS1234563", "smith", true)]
    [InlineData("AB1234563", "Smith", false)]
    [InlineData("F91234563", "Smith", true)]
    [InlineData("AO1234563", "O'Brien", true)]
    public void Second_letter_matches_the_last_name_initial(string dea, string lastName, bool matches) =>
        Assert.Equal(matches, DeaNumber.Parse(dea).MatchesLastName(lastName));

    [Fact]
    public void Parse_throws_the_reason_for_the_counter() =>
        Assert.Contains("check digit", Assert.Throws<DomainException>(() => DeaNumber.Parse("AB1234560")).Message, StringComparison.Ordinal);

    [Property]
    public bool Any_six_digits_with_their_check_digit_make_a_DEA_number(uint seed)
    {
        var six = (seed % 1_000_000u).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return DeaNumber.TryParse("FB" + six + DeaNumber.CheckDigit(six), out _, out _);
    }

    [Property]
    public bool A_wrong_check_digit_is_caught(uint seed, byte wrong)
    {
        var six = (seed % 1_000_000u).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var check = (DeaNumber.CheckDigit(six) + 1 + wrong % 9) % 10;
        return !DeaNumber.TryParse("FB" + six + check, out _, out _);
    }

    [Property]
    public bool Any_text_gives_a_DEA_number_that_round_trips_or_a_reason(string? text) =>
        DeaNumber.TryParse(text, out var dea, out var error)
            ? error is null && DeaNumber.Parse(dea.ToString()) == dea
            : !string.IsNullOrWhiteSpace(error);
}
