using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>
/// Finds the promotion each line of a basket gets. How rules combine:
/// <list type="number">
/// <item>Only rules whose window [from, to) holds the instant of pricing count.</item>
/// <item>Prescription fills and lines whose price a manager overrode get no promotion at all.</item>
/// <item>Every rule says what it would take off each line on its own; a line keeps the single
/// promotion worth the most to it (promotions never stack). When two are worth the same, the
/// rule listed first wins. A promotion never takes a line below zero.</item>
/// <item>The cashier's line discount comes after the promotion, on what is left of the line;
/// a basket discount comes after that (see <c>Sale</c>), then tax.</item>
/// </list>
/// </summary>
public sealed class PricingEngine
{
    private readonly IReadOnlyList<PricingRule> _rules;

    public PricingEngine(IEnumerable<PricingRule> rules) => _rules = rules.ToList();

    public static PricingEngine WithoutPromotions { get; } = new([]);

    public IReadOnlyList<PricingRule> Rules => _rules;

    /// <summary>The promotion each line keeps; lines without one are not listed.</summary>
    public IReadOnlyList<LinePromotion> Price(IReadOnlyList<BasketItem> basket, DateTimeOffset at, bool loyaltyMember)
    {
        var promotable = basket.Where(i => i.IsPromotable).ToList();
        var best = new Dictionary<Guid, LinePromotion>();
        foreach (var rule in _rules.Where(r => r.IsActiveAt(at)))
        {
            foreach (var (lineId, discount) in rule.DiscountsFor(promotable, loyaltyMember))
            {
                var line = promotable.First(i => i.LineId == lineId);
                var capped = Money.Min(discount, line.Gross);
                if (capped.Amount <= 0)
                    continue;
                if (!best.TryGetValue(lineId, out var current) || capped > current.Discount)
                    best[lineId] = new LinePromotion(lineId, capped, rule.Id, rule.Name);
            }
        }
        return promotable.Where(i => best.ContainsKey(i.LineId)).Select(i => best[i.LineId]).ToList();
    }
}
