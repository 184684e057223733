using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// Schedule V medicines sold without a prescription where state law and the branch allow it
/// (21 CFR 1306.26): dispensed by a pharmacist, to a purchaser at least 18 years old who shows ID,
/// and no more than a limited quantity to the same purchaser in any 48 hours. The branch policy sets
/// the units per 48 hours, counted across the chain.
///
/// The 48 hours roll on real elapsed time, not calendar days: a purchase counts while less than 48 hours
/// have passed since it and stops counting at exactly 48 hours. Daylight-saving changes do not move it.
/// </summary>
public static class ScheduleVOtcLimit
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);
    /// <summary>21 CFR 1306.26(c).</summary>
    public const int MinimumAge = 18;

    /// <param name="purchaser">The photo ID the purchaser showed, or null if none yet.</param>
    /// <param name="approvingPharmacistId">The pharmacist who approved the sale, or null until one has.</param>
    public static ScheduleVOtcLimitResult Check(Product product, int units, DateTimeOffset at, Branch branch,
        PhotoId? purchaser, Guid? approvingPharmacistId, IEnumerable<ScheduleVOtcPurchase> priorPurchases)
    {
        if (units < 1)
            throw new DomainException("Sell at least one unit.");
        var limit = branch.Policy.ScheduleVOtcUnitsPer48Hours;
        var recent = priorPurchases.Where(p => at - p.At < Window).OrderBy(p => p.At).ToList();
        if (recent.Any(p => p.Units < 0))
            throw new ArgumentException("A recorded purchase cannot have negative units.", nameof(priorPurchases));
        var prior = recent.Sum(p => p.Units);

        ScheduleVOtcLimitResult Result(ComplianceDecision decision, DateTimeOffset? next = null) =>
            new(decision, prior, units, limit, next);

        if (product.Schedule != DeaSchedule.V || product.RxOnly)
            return Result(ComplianceDecision.Refused($"{product.Name} cannot be sold without a prescription."));
        if (!branch.Policy.ScheduleVOtcSalesAllowed)
            return Result(ComplianceDecision.Refused($"This branch does not sell {DeaSchedule.V.Label()} medicines without a prescription."));
        if (purchaser is null)
            return Result(ComplianceDecision.Refused($"{product.Name} ({DeaSchedule.V.Label()}) needs the purchaser's photo ID; ask for it."));
        var age = purchaser.AgeOn(branch.LocalDate(at));
        if (age < MinimumAge)
            return Result(ComplianceDecision.Refused($"The purchaser is {age}; {DeaSchedule.V.Label()} medicines are sold without a prescription only to people {MinimumAge} or older."));
        if (prior + units > limit)
        {
            var next = NextAllowed(recent, units, limit);
            var when = next is { } n ? $" They can buy it again from {CounterText.Time(branch.LocalTime(n))}." : "";
            return Result(ComplianceDecision.Refused(
                $"The purchaser has bought {prior} unit{(prior == 1 ? "" : "s")} of {DeaSchedule.V.Label()} medicine in the last 48 hours; "
                + $"with this sale it would be {prior + units} and the limit is {limit}.{when}"), next);
        }
        if (approvingPharmacistId is null || approvingPharmacistId == Guid.Empty)
            return Result(ComplianceDecision.NeedsApproval(StaffRole.Pharmacist,
                $"{product.Name} ({DeaSchedule.V.Label()}) is sold without a prescription only by a pharmacist; call the pharmacist to approve it."));
        return Result(ComplianceDecision.Allowed());
    }

    /// <summary>When enough of the recent purchases will have left the window for this sale to fit.</summary>
    private static DateTimeOffset? NextAllowed(List<ScheduleVOtcPurchase> recentOldestFirst, int units, int limit)
    {
        if (units > limit)
            return null;
        var excess = recentOldestFirst.Sum(p => p.Units) + units - limit;
        foreach (var purchase in recentOldestFirst)
        {
            excess -= purchase.Units;
            if (excess <= 0)
                return purchase.At.ToUniversalTime() + Window;
        }
        return null;
    }
}
