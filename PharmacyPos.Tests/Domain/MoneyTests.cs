using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("0.004", "0.00")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("2.675", "2.68")]
    [InlineData("1.0049", "1.00")]
    public void Rounds_to_the_cent_half_away_from_zero(string raw, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Money.Of(decimal.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)).Amount);

    [Theory]
    [InlineData("12", 12.00)]
    [InlineData("$12.5", 12.50)]
    [InlineData(" 0.99 ", 0.99)]
    public void Parses_what_a_cashier_types(string text, decimal expected)
    {
        Assert.True(Money.TryParse(text, out var money, out var error), error);
        Assert.Equal(expected, money.Amount);
    }

    [Theory]
    [InlineData("12.345", "two decimals")]
    [InlineData("abc", "not an amount")]
    [InlineData("", "Enter an amount")]
    [InlineData("99999999", "larger than")]
    public void Refuses_bad_amounts_with_a_message(string text, string expectedWords)
    {
        Assert.False(Money.TryParse(text, out _, out var error));
        Assert.Contains(expectedWords, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Exact_refuses_fractions_of_a_cent() =>
        Assert.Throws<DomainException>(() => Money.Exact(1.001m));
}
