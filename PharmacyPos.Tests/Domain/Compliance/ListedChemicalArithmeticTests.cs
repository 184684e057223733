using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;

namespace PharmacyPos.Tests.Domain.Compliance;

/// <summary>
/// Grams of base are exact (strength x count x the salt's factor), summed unrounded and compared exactly, so the
/// counter reproduces every line of DEA's equivalency tables (Chemical Handler's Manual, appendix I; Pharmacist's
/// Manual, appendix G) whatever the package size, down to packages of one tablet.
/// </summary>
public class ListedChemicalArithmeticTests
{
    // Tablets equal to 3.6 g, 7.5 g (mail order, 30 days) and 9 g (30 days) of base.
    public static TheoryData<ListedChemical, string, int, int, int, int> DeaTable() => new()
    {
        { ListedChemical.Ephedrine, "hydrochloride", 25, 175, 366, 439 },
        { ListedChemical.Ephedrine, "sulfate", 25, 186, 389, 466 },
        { ListedChemical.Pseudoephedrine, "hydrochloride", 30, 146, 305, 366 },
        { ListedChemical.Pseudoephedrine, "hydrochloride", 60, 73, 152, 183 },
        { ListedChemical.Pseudoephedrine, "hydrochloride", 120, 36, 76, 91 },
        { ListedChemical.Pseudoephedrine, "sulfate", 30, 155, 324, 389 },
        { ListedChemical.Pseudoephedrine, "sulfate", 60, 77, 162, 194 },
        { ListedChemical.Pseudoephedrine, "sulfate", 120, 38, 81, 97 },
        { ListedChemical.Pseudoephedrine, "sulfate", 240, 19, 40, 48 },
    };

    private static Product Pack(ListedChemical chemical, string salt, decimal milligrams, int tablets)
    {
        var product = new Product(Gtin.Parse("036000291452"), $"{chemical} {salt} {milligrams} mg, {tablets} tablets",
            "Cold and allergy", TaxClass.Standard, Money.Of(4.99m));
        product.ContainsListedChemical(ListedChemicalContent.PerUnit(chemical, salt, milligrams, tablets));
        return product;
    }

    /// <summary>Earlier single-tablet purchases, spread over the days before the sale within the daily limit.</summary>
    private static List<ListedChemicalPurchase> SingleTablets(Product tablet, int count, int perDay, Branch branch, DateTimeOffset sale)
    {
        var one = ListedChemicalLimit.BaseGrams(tablet, 1);
        return [.. Enumerable.Range(0, count).Select(i =>
            new ListedChemicalPurchase(tablet.ListedChemical!.Chemical, sale.AddDays(-1 - i / perDay).AddMinutes(-i % perDay), one, branch.TimeZoneId))];
    }

    [Theory]
    [MemberData(nameof(DeaTable))]
    public void The_daily_limit_matches_DEA_for_packages_of_every_size(ListedChemical chemical, string salt, int milligrams, int daily, int mail, int thirty)
    {
        _ = (mail, thirty);
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        for (var size = 1; size <= daily + 1; size++)
        {
            var pack = Pack(chemical, salt, milligrams, size);
            var packs = daily / size;
            var one = ListedChemicalLimit.BaseGrams(pack, 1);
            // The packs bought one by one earlier today, then one more: the sum of the parts is the whole.
            var earlier = Enumerable.Range(0, Math.Max(packs - 1, 0))
                .Select(i => new ListedChemicalPurchase(chemical, at.AddMinutes(-1 - i), one, branch.TimeZoneId)).ToList();
            if (packs >= 1)
                Assert.True(ListedChemicalLimit.Check(pack, 1, at, branch, earlier).Decision.IsAllowed, $"{packs} x {size} tablets");
            earlier.Add(new ListedChemicalPurchase(chemical, at.AddMinutes(-packs - 1), one, branch.TimeZoneId));
            if (packs == 0)
                earlier.Clear();
            Assert.True(ListedChemicalLimit.Check(pack, 1, at, branch, earlier).Decision.IsRefused, $"{packs + 1} x {size} tablets");
        }
    }

    [Theory]
    [MemberData(nameof(DeaTable))]
    public void One_sale_of_single_tablet_packages_matches_DEA_at_the_edge_and_one_past(ListedChemical chemical, string salt, int milligrams, int daily, int mail, int thirty)
    {
        _ = (mail, thirty);
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var tablet = Pack(chemical, salt, milligrams, 1);
        Assert.True(ListedChemicalLimit.Check(tablet, daily, at, branch, []).Decision.IsAllowed);
        Assert.True(ListedChemicalLimit.Check(tablet, daily + 1, at, branch, []).Decision.IsRefused);
        Assert.True(ListedChemicalLimit.Check(Pack(chemical, salt, milligrams, daily), 1, at, branch, []).Decision.IsAllowed);
        Assert.True(ListedChemicalLimit.Check(Pack(chemical, salt, milligrams, daily + 1), 1, at, branch, []).Decision.IsRefused);
    }

    [Theory]
    [MemberData(nameof(DeaTable))]
    public void The_thirty_day_limit_matches_DEA_when_bought_one_tablet_at_a_time(ListedChemical chemical, string salt, int milligrams, int daily, int mail, int thirty)
    {
        _ = mail;
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 20, 12, 0);
        var tablet = Pack(chemical, salt, milligrams, 1);

        Assert.True(ListedChemicalLimit.Check(tablet, 1, at, branch, SingleTablets(tablet, thirty - 1, daily, branch, at)).Decision.IsAllowed);
        var oneMore = ListedChemicalLimit.Check(tablet, 1, at, branch, SingleTablets(tablet, thirty, daily, branch, at));
        Assert.True(oneMore.Decision.IsRefused);
        Assert.Contains("in 30 days", oneMore.Decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeaTable))]
    public void A_branch_that_ships_holds_the_mail_order_limit_of_7_5_g_in_30_days(ListedChemical chemical, string salt, int milligrams, int daily, int mail, int thirty)
    {
        _ = thirty;
        var branch = Chicago();
        branch.Policy.SetShipsListedChemicals(true);
        var at = Local(branch, 2028, 3, 20, 12, 0);
        var tablet = Pack(chemical, salt, milligrams, 1);

        Assert.True(ListedChemicalLimit.Check(tablet, 1, at, branch, SingleTablets(tablet, mail - 1, daily, branch, at)).Decision.IsAllowed);
        var oneMore = ListedChemicalLimit.Check(tablet, 1, at, branch, SingleTablets(tablet, mail, daily, branch, at));
        Assert.True(oneMore.Decision.IsRefused);
        Assert.Contains("the limit is 7.5 g for mail order.", oneMore.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(7.5m, oneMore.ThirtyDayLimitGrams);
    }

    [Fact]
    public void Single_tablets_of_the_sulfate_are_never_undercounted_past_3_6_g()
    {
        // 156 tablets of 30 mg pseudoephedrine sulfate hold 3.609 g of base; rounded per tablet they read 3.588 g.
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var tablet = Pack(ListedChemical.Pseudoephedrine, "sulfate", 30, 1);
        var bought = Enumerable.Range(0, 155).Select(i => new ListedChemicalPurchase(ListedChemical.Pseudoephedrine, at.AddMinutes(-1 - i),
            ListedChemicalLimit.BaseGrams(tablet, 1), branch.TimeZoneId)).ToList();

        var check = ListedChemicalLimit.Check(tablet, 1, at, branch, bought);

        Assert.True(check.Decision.IsRefused);
        Assert.Equal(30m * 0.77115m * 156 / 1000m, check.GramsTodayWithSale);
        Assert.StartsWith("This sale would bring the purchaser to 3.609 g of pseudoephedrine today", check.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_tablets_of_the_hydrochloride_are_never_overcounted_below_3_6_g()
    {
        // 146 tablets of 30 mg pseudoephedrine HCl hold 3.588 g of base; rounded per tablet they read 3.65 g.
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var tablet = Pack(ListedChemical.Pseudoephedrine, "HCl", 30, 1);

        var check = ListedChemicalLimit.Check(tablet, 146, at, branch, []);

        Assert.True(check.Decision.IsAllowed);
        Assert.Equal(3.5882712m, check.ProposedGrams);
    }

    [Fact]
    public void Amounts_are_shown_to_the_milligram_rounded_so_a_refusal_never_reads_as_the_limit()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 12, 0);
        var check = ListedChemicalLimit.Check(ListedChemical.Pseudoephedrine, 0.0000001m, at, branch,
            [new ListedChemicalPurchase(ListedChemical.Pseudoephedrine, at.AddHours(-1), 3.6m, branch.TimeZoneId)]);
        Assert.Equal("This sale would bring the purchaser to 3.601 g of pseudoephedrine today; the limit is 3.6 g. They cannot buy any more today.",
            check.Decision.Reason);
    }

    [Fact]
    public void A_branch_that_ships_keeps_a_stricter_state_limit_below_7_5_g()
    {
        var branch = Chicago();
        branch.Policy.SetListedChemicalLimits(3.6m, 7.2m);
        branch.Policy.SetShipsListedChemicals(true);
        Assert.Equal(7.2m, branch.Policy.ListedChemicalThirtyDayGramsInForce);
        branch.Policy.SetListedChemicalLimits(3.6m, 9m);
        Assert.Equal(7.5m, branch.Policy.ListedChemicalThirtyDayGramsInForce);
        branch.Policy.SetShipsListedChemicals(false);
        Assert.Equal(9m, branch.Policy.ListedChemicalThirtyDayGramsInForce);
    }
}
