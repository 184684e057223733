using FsCheck;
using FsCheck.Fluent;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Pricing;

public class ProRataTests
{
    [Theory]
    [InlineData("1.00", "1.00 1.00 1.00", "0.34 0.33 0.33")]
    [InlineData("2.00", "1.00 1.00 1.00", "0.67 0.67 0.66")]
    [InlineData("5.00", "10.00 30.00", "1.25 3.75")]
    [InlineData("0.01", "1.00 3.00", "0.00 0.01")]
    [InlineData("4.00", "1.00 0.00 3.00", "1.00 0.00 3.00")]
    [InlineData("0.00", "2.00 3.00", "0.00 0.00")]
    public void Spreads_in_proportion_giving_left_over_cents_to_the_largest_remainders(string amount, string weights, string expected) =>
        Assert.Equal(Amounts(expected), ProRata.Spread(Amounts(amount).Single(), Amounts(weights)));

    private static List<Money> Amounts(string text) =>
        text.Split(' ').Select(a => Money.Exact(decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public void Refuses_to_spread_more_than_the_weights() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProRata.Spread(M(3.01m), [M(1m), M(2m)]));

    private static readonly Arbitrary<(long Amount, long[] Weights)> Spreads =
        (from weights in Gen.ArrayOf(Gen.Choose(0, 500_000).Select(c => (long)c)).Where(w => w.Length > 0)
         from fraction in Gen.Choose(0, 1000)
         select (weights.Sum() * fraction / 1000, weights)).ToArbitrary();

    [FsCheck.Xunit.Property]
    public Property The_shares_sum_exactly_and_stay_within_a_cent_of_the_exact_proportion() =>
        Prop.ForAll(Spreads, spread =>
        {
            var amount = Cents(spread.Amount);
            var weights = spread.Weights.Select(Cents).ToList();
            var total = spread.Weights.Sum() / 100m;
            var shares = ProRata.Spread(amount, weights);

            return shares.Count == weights.Count
                && shares.Aggregate(Money.Zero, (sum, s) => sum + s) == amount
                && shares.Zip(weights).All(p => !p.First.IsNegative && p.First <= p.Second)
                && shares.Zip(weights).All(p => total == 0 || Math.Abs(p.First.Amount - amount.Amount * p.Second.Amount / total) < 0.01m);
        });

    private static Money Cents(long cents) => Money.Exact(cents / 100m);
}
