using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Sales.Shop;

namespace PharmacyPos.Tests.Domain.Pricing;

public class PricingEngineTests
{
    // March 2025 at a Phoenix branch: midnight local is 07:00 UTC (Arizona keeps MST all year).
    private static readonly DateTimeOffset From = new(2025, 3, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 4, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly Guid Allergy = Guid.CreateVersion7();
    private static readonly Guid Vitamin = Guid.CreateVersion7();

    private static BasketItem Item(string category, decimal unitPrice, int quantity, Guid? productId = null,
        bool prescription = false, bool overridden = false) =>
        new(Guid.CreateVersion7(), productId ?? Guid.CreateVersion7(), category, M(unitPrice), quantity, prescription, overridden);

    private static CategoryPercentOff ColdAndFlu(decimal percent = 20m, string name = "20% off cold & flu") =>
        new(name, "Cold & flu", Percentage.Of(percent), From, To);

    private static PricingEngine Engine(params PricingRule[] rules) => new(rules);

    [Fact]
    public void Percent_off_a_category_discounts_that_category_only_rounded_per_line()
    {
        var cough = Item("Cold & flu", 9.99m, 2);
        var vitamins = Item("Vitamins", 9.99m, 2);

        var result = Engine(ColdAndFlu()).Price([cough, vitamins], Now, loyaltyMember: false);

        var promotion = Assert.Single(result);
        Assert.Equal(cough.LineId, promotion.LineId);
        Assert.Equal(M(4.00m), promotion.Discount); // 19.98 x 20% = 3.996
        Assert.Equal("20% off cold & flu", promotion.RuleName);
    }

    [Fact]
    public void Categories_match_whatever_their_case()
    {
        var result = Engine(ColdAndFlu()).Price([Item("COLD & FLU", 5m, 1)], Now, false);
        Assert.Equal(M(1m), Assert.Single(result).Discount);
    }

    [Theory]
    [InlineData(0, true)]          // the first instant of the window
    [InlineData(-1, false)]        // a second before
    [InlineData(2_678_399, true)]  // the last second
    [InlineData(2_678_400, false)] // the end instant is excluded
    public void A_promotion_counts_from_its_start_until_just_before_its_end(int secondsAfterStart, bool applies)
    {
        var at = From.AddSeconds(secondsAfterStart);
        var result = Engine(ColdAndFlu()).Price([Item("Cold & flu", 10m, 1)], at, false);
        Assert.Equal(applies, result.Count == 1);
    }

    [Fact]
    public void A_window_given_in_local_time_is_kept_as_the_same_instant_in_utc()
    {
        var localMidnight = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(-7));
        var rule = new CategoryPercentOff("Spring", "Cold & flu", Percentage.Of(10m), localMidnight, localMidnight.AddDays(7));
        Assert.Equal(TimeSpan.Zero, rule.ValidFrom.Offset);
        Assert.Equal(From, rule.ValidFrom);
    }

    [Fact]
    public void Buy_two_get_one_free_gives_the_cheapest_unit_free()
    {
        var expensive = Item("Vitamins", 10m, 1);
        var middle = Item("Vitamins", 8m, 1);
        var cheapest = Item("Vitamins", 5m, 1);
        var rule = BuyXGetY.OnCategory("Vitamins: buy 2 get 1 free", "Vitamins", 2, 1, Percentage.Of(100m), From, To);

        var promotion = Assert.Single(Engine(rule).Price([expensive, middle, cheapest], Now, false));

        Assert.Equal(cheapest.LineId, promotion.LineId);
        Assert.Equal(M(5m), promotion.Discount);
    }

    [Fact]
    public void Buy_x_get_y_frees_one_unit_per_full_set_across_lines()
    {
        var dear = Item("Vitamins", 6m, 4);
        var cheap = Item("Vitamins", 3m, 2);
        var rule = BuyXGetY.OnCategory("Vitamins: buy 2 get 1 free", "Vitamins", 2, 1, Percentage.Of(100m), From, To);

        // 6 units make two sets of three: the two cheapest units are free.
        var promotion = Assert.Single(Engine(rule).Price([dear, cheap], Now, false));

        Assert.Equal(cheap.LineId, promotion.LineId);
        Assert.Equal(M(6m), promotion.Discount);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3.995)]
    [InlineData(3, 3.995)]
    [InlineData(5, 7.99)]
    public void Buy_one_get_one_half_off_discounts_half_of_each_full_pair(int quantity, decimal expected)
    {
        var item = Item("Allergy", 7.99m, quantity, Allergy);
        var rule = BuyXGetY.OnProduct("Allergy BOGO 50%", Allergy, 1, 1, Percentage.Of(50m), From, To);

        var result = Engine(rule).Price([item], Now, false);

        Assert.Equal(Money.Of(expected), result.SingleOrDefault()?.Discount ?? Money.Zero);
    }

    [Fact]
    public void A_member_price_is_for_loyalty_members_only()
    {
        var item = Item("Allergy", 12.99m, 2, Allergy);
        var engine = Engine(new MemberPrice("Member price", Allergy, M(9.99m), From, To));

        Assert.Empty(engine.Price([item], Now, loyaltyMember: false));
        Assert.Equal(M(6m), Assert.Single(engine.Price([item], Now, loyaltyMember: true)).Discount);
    }

    [Fact]
    public void A_member_price_above_the_list_price_gives_nothing()
    {
        var engine = Engine(new MemberPrice("Member price", Allergy, M(14m), From, To));
        Assert.Empty(engine.Price([Item("Allergy", 12.99m, 1, Allergy)], Now, true));
    }

    [Fact]
    public void A_line_keeps_the_single_best_promotion_and_promotions_never_stack()
    {
        var item = Item("Allergy", 12.99m, 2, Allergy);
        var tenPercent = new CategoryPercentOff("10% off allergy", "Allergy", Percentage.Of(10m), From, To);
        var member = new MemberPrice("Member price", Allergy, M(9.99m), From, To);

        var promotion = Assert.Single(Engine(tenPercent, member).Price([item], Now, true));

        // 10% would be 2.60; the member price takes 6.00; together they would be 8.60.
        Assert.Equal(M(6m), promotion.Discount);
        Assert.Equal(member.Id, promotion.RuleId);
    }

    [Fact]
    public void Between_promotions_worth_the_same_the_first_listed_wins()
    {
        var item = Item("Cold & flu", 10m, 1);
        var first = ColdAndFlu(10m, "Weekly flyer");
        var second = ColdAndFlu(10m, "Manager's special");

        Assert.Equal("Weekly flyer", Assert.Single(Engine(first, second).Price([item], Now, false)).RuleName);
        Assert.Equal("Manager's special", Assert.Single(Engine(second, first).Price([item], Now, false)).RuleName);
    }

    [Fact]
    public void Prescriptions_and_overridden_prices_get_no_promotion()
    {
        var rx = Item("Cold & flu", 10m, 1, prescription: true);
        var overridden = Item("Cold & flu", 10m, 1, overridden: true);
        var bogo = BuyXGetY.OnCategory("BOGO", "Cold & flu", 1, 1, Percentage.Of(100m), From, To);

        Assert.Empty(Engine(ColdAndFlu(), bogo).Price([rx, overridden], Now, false));
    }

    [Fact]
    public void Prescriptions_do_not_count_toward_buy_x_get_y()
    {
        var rx = Item("Vitamins", 1m, 1, prescription: true);
        var otc = Item("Vitamins", 10m, 1);
        var bogo = BuyXGetY.OnCategory("BOGO", "Vitamins", 1, 1, Percentage.Of(100m), From, To);

        Assert.Empty(Engine(bogo).Price([rx, otc], Now, false));
    }

    [Fact]
    public void Refuses_promotions_that_end_before_they_start_or_have_no_name()
    {
        Assert.Contains("end after it starts", Assert.Throws<DomainException>(() => new CategoryPercentOff("X", "Vitamins", Percentage.Of(5m), To, From)).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => new CategoryPercentOff("X", "Vitamins", Percentage.Of(5m), From, From));
        Assert.Throws<DomainException>(() => new CategoryPercentOff(" ", "Vitamins", Percentage.Of(5m), From, To));
        Assert.Throws<DomainException>(() => new CategoryPercentOff("X", "", Percentage.Of(5m), From, To));
        Assert.Throws<DomainException>(() => new CategoryPercentOff("X", "Vitamins", Percentage.Zero, From, To));
    }

    [Theory]
    [InlineData(0, 1, 100)]
    [InlineData(1, 0, 100)]
    [InlineData(100, 1, 100)]
    [InlineData(1, 1, 0)]
    public void Refuses_buy_x_get_y_without_units_to_buy_and_get_or_without_a_discount(int buy, int get, decimal percent) =>
        Assert.Throws<DomainException>(() => BuyXGetY.OnProduct("X", Allergy, buy, get, Percentage.Of(percent), From, To));

    [Fact]
    public void A_negative_member_price_is_refused() =>
        Assert.Throws<DomainException>(() => new MemberPrice("X", Vitamin, M(-1m), From, To));
}
