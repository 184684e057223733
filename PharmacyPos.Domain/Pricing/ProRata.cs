using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Pricing;

/// <summary>
/// Spreads an amount (a basket discount) across lines in proportion to their amounts, to the cent.
/// <para>
/// Remainder rule (largest remainder): each line first gets its exact share rounded down to the cent;
/// the cents left over are then given one at a time to the lines whose exact share lost the most in
/// that rounding, the earlier line first when two lost the same. The shares therefore always add up
/// to the amount exactly, no share is more than one cent away from its exact proportion, and no line
/// gets more than its own amount.
/// </para>
/// </summary>
public static class ProRata
{
    /// <summary>
    /// The share of <paramref name="amount"/> for each weight, in the same order.
    /// The amount must be between zero and the sum of the weights; weights are zero or more.
    /// </summary>
    public static IReadOnlyList<Money> Spread(Money amount, IReadOnlyList<Money> weights)
    {
        if (weights.Any(w => w.IsNegative))
            throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var total = weights.Aggregate(Money.Zero, (sum, w) => sum + w);
        if (amount.IsNegative || amount > total)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount to spread must be between zero and the sum of the weights.");
        if (amount.IsZero)
            return weights.Select(_ => Money.Zero).ToArray();

        var shares = new decimal[weights.Count];
        var lost = new decimal[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = amount.Amount * weights[i].Amount / total.Amount;
            shares[i] = decimal.Floor(exact * 100m) / 100m;
            lost[i] = exact - shares[i];
        }

        var centsLeft = (int)((amount.Amount - shares.Sum()) * 100m);
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => lost[i])
            .ThenBy(i => i)
            .Take(centsLeft);
        foreach (var i in order)
            shares[i] += 0.01m;

        return shares.Select(Money.Of).ToArray();
    }
}
