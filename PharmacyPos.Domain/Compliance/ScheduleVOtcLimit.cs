using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// Schedule V medicines sold without a prescription where state law and the branch allow it
/// (21 CFR 1306.26): dispensed by a pharmacist, to a purchaser at least 18 years old who shows ID,
/// and no more than a limited quantity to the same purchaser in any 48 hours, counted across the chain
/// as the regulation counts it: by volume for liquids and by dosage units for solids, opium-containing
/// and other medicines each against their own limit (<see cref="ScheduleVOtcLimits"/>).
///
/// The 48 hours roll on real elapsed time, not calendar days: a purchase counts while less than 48 hours
/// have passed since it and stops counting at exactly 48 hours. Daylight-saving changes do not move it.
/// </summary>
public static class ScheduleVOtcLimit
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);
    /// <summary>21 CFR 1306.26(c).</summary>
    public const int MinimumAge = 18;

    /// <param name="packages">Packages of the product on the sale.</param>
    /// <param name="purchaser">The photo ID the purchaser showed, or null if none yet.</param>
    /// <param name="approvingPharmacistId">The pharmacist who approved the sale, or null until one has.</param>
    public static ScheduleVOtcLimitResult Check(Product product, int packages, DateTimeOffset at, Branch branch,
        PhotoId? purchaser, Guid? approvingPharmacistId, IEnumerable<ScheduleVOtcPurchase> priorPurchases)
    {
        if (packages < 1)
            throw new DomainException("Sell at least one package.");
        var proposed = product.ScheduleV?.Of(packages);
        var recent = new List<ScheduleVOtcPurchase>();
        if (proposed is { } kind)
            recent = priorPurchases
                .Where(p => at - p.At < Window && p.Amount.Measure == kind.Measure && p.Amount.ContainsOpium == kind.ContainsOpium)
                .OrderBy(p => p.At).ToList();
        if (recent.Any(p => p.Amount.Quantity < 0))
            throw new ArgumentException("A recorded purchase cannot have a negative amount.", nameof(priorPurchases));
        var prior = recent.Sum(p => p.Amount.Quantity);
        var limit = proposed is { } k ? branch.Policy.ScheduleVOtcLimits.For(k.Measure, k.ContainsOpium) : 0m;

        ScheduleVOtcLimitResult Result(ComplianceDecision decision, DateTimeOffset? next = null) =>
            new(decision, proposed, prior, limit, next);

        if (product.Schedule != DeaSchedule.V || product.RxOnly)
            return Result(ComplianceDecision.Refused($"{product.Name} cannot be sold without a prescription."));
        if (!branch.Policy.ScheduleVOtcSalesAllowed)
            return Result(ComplianceDecision.Refused($"This branch does not sell {DeaSchedule.V.Label()} medicines without a prescription."));
        if (proposed is not { } amount)
            return Result(ComplianceDecision.Refused(
                $"The catalog does not say how many mL or dosage units {product.Name} holds, so its {DeaSchedule.V.Label()} limit cannot be counted; it cannot be sold without a prescription until it does."));
        if (purchaser is null)
            return Result(ComplianceDecision.Refused($"{product.Name} ({DeaSchedule.V.Label()}) needs the purchaser's photo ID; ask for it."));
        var age = purchaser.AgeOn(branch.LocalDate(at));
        if (age < MinimumAge)
            return Result(ComplianceDecision.Refused($"The purchaser is {age}; {DeaSchedule.V.Label()} medicines are sold without a prescription only to people {MinimumAge} or older."));
        if (prior + amount.Quantity > limit)
        {
            var next = NextAllowed(recent, amount.Quantity, limit);
            var when = next is { } n ? $" They can buy it again from {CounterText.Time(branch.LocalTime(n))}." : "";
            return Result(ComplianceDecision.Refused(
                $"The purchaser has bought {ScheduleVAmount.Show(amount.Measure, prior)} of {amount.Kind} {DeaSchedule.V.Label()} medicine in the last 48 hours; "
                + $"with this sale it would be {ScheduleVAmount.Show(amount.Measure, prior + amount.Quantity)} and the limit is {ScheduleVAmount.Show(amount.Measure, limit)}.{when}"), next);
        }
        if (approvingPharmacistId is null || approvingPharmacistId == Guid.Empty)
            return Result(ComplianceDecision.NeedsApproval(StaffRole.Pharmacist,
                $"{product.Name} ({DeaSchedule.V.Label()}) is sold without a prescription only by a pharmacist; call the pharmacist to approve it."));
        return Result(ComplianceDecision.Allowed());
    }

    /// <summary>When enough of the recent purchases will have left the window for this sale to fit.</summary>
    private static DateTimeOffset? NextAllowed(List<ScheduleVOtcPurchase> recentOldestFirst, decimal quantity, decimal limit)
    {
        if (quantity > limit)
            return null;
        var excess = recentOldestFirst.Sum(p => p.Amount.Quantity) + quantity - limit;
        foreach (var purchase in recentOldestFirst)
        {
            excess -= purchase.Amount.Quantity;
            if (excess <= 0)
                return purchase.At.ToUniversalTime() + Window;
        }
        return null;
    }
}
