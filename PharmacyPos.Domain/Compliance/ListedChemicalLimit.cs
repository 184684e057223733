using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// The Combat Methamphetamine Epidemic Act's retail limits: a seller may not sell one purchaser more than
/// 3.6 g of base of a listed chemical on a calendar day (21 U.S.C. 830(d); 21 CFR 1314.20), and a purchaser
/// may not buy more than 9 g in 30 days (21 U.S.C. 844(a)), which the counter enforces too so it never sells
/// into a violation; where the branch ships (mail order) the 30-day limit is 7.5 g (21 CFR 1314.100(b)). All are
/// counted across every branch of the chain from the logbook. A branch's policy may set stricter limits (state law).
/// Amounts are exact grams of base; only the figures in messages are rounded, to the milligram.
///
/// How the days are counted:
/// <list type="bullet">
/// <item>A calendar day is the selling branch's local date (<see cref="Branch.LocalDate"/>), midnight to midnight local time.</item>
/// <item>The 30 days are the sale's day and the 29 calendar days before it.</item>
/// <item>An earlier purchase counts toward a day if it fell on that day either where it was made or
/// where this sale is made: with branches in several time zones the stricter reading wins, so a purchase
/// minutes ago in another zone is never left out.</item>
/// <item>The limits are per chemical, as DEA reads the Act (its Chemical Handler's Manual, appendix on
/// retail transaction limits): pseudoephedrine and ephedrine are counted separately.</item>
/// <item>Exactly at a limit is allowed; any amount above it, by however little, is refused.</item>
/// </list>
/// </summary>
public static class ListedChemicalLimit
{
    public const int ThirtyDayWindowDays = 30;

    /// <summary>
    /// Grams of base in <paramref name="packages"/> packages of a product, exactly (salt strength x count x the
    /// salt's base factor): never rounded per package, so a sum of many small packages is what they hold.
    /// </summary>
    public static decimal BaseGrams(Product product, int packages)
    {
        if (product.ListedChemical is not { } content)
            throw new DomainException($"{product.Name} does not contain a listed chemical.");
        return content.BaseGrams(packages);
    }

    public static ListedChemicalLimitResult Check(Product product, int packages, DateTimeOffset at, Branch branch,
        IEnumerable<ListedChemicalPurchase> priorPurchases) =>
        Check(product.ListedChemical?.Chemical ?? throw new DomainException($"{product.Name} does not contain a listed chemical."),
            BaseGrams(product, packages), at, branch, priorPurchases);

    public static ListedChemicalLimitResult Check(ListedChemical chemical, decimal proposedBaseGrams, DateTimeOffset at, Branch branch,
        IEnumerable<ListedChemicalPurchase> priorPurchases)
    {
        if (proposedBaseGrams <= 0)
            throw new DomainException("The sale must contain some of the listed chemical.");

        var zone = branch.TimeZone;
        var day = branch.LocalDate(at);
        var windowStart = day.AddDays(-(ThirtyDayWindowDays - 1));
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal) { [branch.TimeZoneId] = zone };

        var priorToday = 0m;
        var priorInWindow = 0m;
        foreach (var purchase in priorPurchases)
        {
            if (purchase.Chemical != chemical)
                continue;
            if (purchase.BaseGrams < 0)
                throw new ArgumentException("A logged purchase cannot have negative grams.", nameof(priorPurchases));
            var whereSold = LocalDate(purchase.At, ZoneOf(purchase.BranchTimeZoneId, zones));
            var whereSelling = LocalDate(purchase.At, zone);
            if (whereSold == day || whereSelling == day)
                priorToday += purchase.BaseGrams;
            if (InWindow(whereSold, windowStart, day) || InWindow(whereSelling, windowStart, day))
                priorInWindow += purchase.BaseGrams;
        }

        var daily = branch.Policy.ListedChemicalDailyGrams;
        var thirty = branch.Policy.ListedChemicalThirtyDayGramsInForce;
        var thirtyNote = branch.Policy.ShipsListedChemicals && thirty == BranchPolicy.FederalMailOrderThirtyDayBaseGrams ? " for mail order" : "";
        var name = chemical.ToString().ToLowerInvariant();
        var result = new ListedChemicalLimitResult(ComplianceDecision.Allowed(), chemical, day, windowStart,
            proposedBaseGrams, priorToday, priorInWindow, daily, thirty);

        ComplianceDecision decision;
        if (result.GramsTodayWithSale > daily)
            decision = ComplianceDecision.Refused(
                $"This sale would bring the purchaser to {CounterText.GramsAtLeast(result.GramsTodayWithSale)} of {name} today; the limit is {CounterText.Grams(daily)}."
                + StillAllowed(result, "today"));
        else if (result.GramsInWindowWithSale > thirty)
            decision = ComplianceDecision.Refused(
                $"This sale would bring the purchaser to {CounterText.GramsAtLeast(result.GramsInWindowWithSale)} of {name} in 30 days ({CounterText.Date(windowStart)} to {CounterText.Date(day)}); the limit is {CounterText.Grams(thirty)}{thirtyNote}."
                + StillAllowed(result, "now"));
        else
            decision = ComplianceDecision.Allowed();
        return result with { Decision = decision };
    }

    private static string StillAllowed(ListedChemicalLimitResult result, string when) =>
        decimal.Floor(result.GramsStillAllowed * 1000m) > 0
            ? $" They can buy up to {CounterText.GramsAtMost(result.GramsStillAllowed)} more {when}."
            : $" They cannot buy any more {when}.";

    private static bool InWindow(DateOnly date, DateOnly first, DateOnly last) => date >= first && date <= last;

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static TimeZoneInfo ZoneOf(string id, Dictionary<string, TimeZoneInfo> zones)
    {
        if (!zones.TryGetValue(id, out var zone))
        {
            zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)
                ? found
                : throw new DomainException($"\"{id}\" is not a known time zone.");
            zones[id] = zone;
        }
        return zone;
    }
}
