using System.Globalization;
using System.Text;
using System.Text.Json;
using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Web.Features.Audit.Review;

/// <summary>
/// What a reviewer asks of the audit trail. Dates are calendar days at the branch (the chosen branch,
/// or the reviewer's own), both included. The same filter drives the screen and the CSV export, which
/// receives it through a one-time ticket (never in the URL).
/// </summary>
public sealed record AuditFilter
{
    /// <summary>After-hours activity is anything outside these branch-local hours.</summary>
    public static readonly TimeOnly OpensAt = new(7, 0);
    public static readonly TimeOnly ClosesAt = new(22, 0);

    /// <summary>After-hours is worked out day by day; a year at most keeps the query small.</summary>
    public const int MaxAfterHoursDays = 366;

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public Guid? BranchId { get; init; }
    public Guid? UserId { get; init; }
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public Guid? PatientId { get; init; }
    public Guid? ProductId { get; init; }
    /// <summary>DEA schedule 2 to 5 (II to V).</summary>
    public int? Schedule { get; init; }
    public bool AfterHoursOnly { get; init; }

    /// <summary>What is wrong with the filter, in the reviewer's words; null when it can be run.</summary>
    public string? Problem()
    {
        if (From is { } from && To is { } to && from > to)
            return $"The start date ({from:MMM d, yyyy}) is after the end date ({to:MMM d, yyyy}). Choose a start on or before the end.";
        if (AfterHoursOnly && (From is null || To is null))
            return "After-hours activity needs both a start and an end date.";
        if (AfterHoursOnly && To!.Value.DayNumber - From!.Value.DayNumber + 1 > MaxAfterHoursDays)
            return "After-hours activity can be shown for a year at most. Choose a shorter date range.";
        if (EventTypes.FirstOrDefault(t => !AuditEventTypes.IsKnown(t)) is { } unknown)
            return $"\"{unknown}\" is not a kind of event the audit trail records.";
        if (Schedule is not null and not (2 or 3 or 4 or 5))
            return "The controlled schedule is II, III, IV or V.";
        return null;
    }

    /// <summary>The filter as a JSON object, kept in the audit record of an export.</summary>
    public string ToJson()
    {
        var json = new Dictionary<string, object?>
        {
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["branch"] = BranchId, ["user"] = UserId, ["types"] = EventTypes,
            ["patient"] = PatientId, ["product"] = ProductId, ["schedule"] = Schedule, ["afterHours"] = AfterHoursOnly,
        };
        return JsonSerializer.Serialize(json.Where(p => p.Value is not null and not false && p.Value is not IReadOnlyList<string> { Count: 0 })
            .ToDictionary(p => p.Key, p => p.Value));
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…").Append(" to ")
            .Append(To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…");
        if (EventTypes.Count > 0) text.Append("; ").Append(string.Join(", ", EventTypes));
        if (AfterHoursOnly) text.Append("; after hours");
        return text.ToString();
    }
}

/// <summary>A ready-made question a reviewer asks often.</summary>
public sealed record AuditView(string Key, string Title, IReadOnlyList<string> EventTypes, bool AfterHoursOnly = false)
{
    public static readonly AuditView VoidsAndRefunds = new("voids", "Voids and refunds by cashier",
        [AuditEventTypes.SaleVoided, AuditEventTypes.LineVoided, AuditEventTypes.RefundIssued]);
    public static readonly AuditView Overrides = new("overrides", "Overrides",
        [AuditEventTypes.PriceOverridden, AuditEventTypes.ComplianceOverride]);
    public static readonly AuditView AfterHours = new("after-hours", "After-hours activity", [], AfterHoursOnly: true);
    public static readonly AuditView ControlledSales = new("controlled", "Controlled-substance sales",
        [AuditEventTypes.ControlledSubstanceSold, AuditEventTypes.ListedChemicalSold]);
    public static readonly AuditView PatientAccess = new("patient-access", "Patient-record access",
        [AuditEventTypes.PatientRecordViewed, AuditEventTypes.PatientRecordChanged]);

    public static readonly IReadOnlyList<AuditView> All = [VoidsAndRefunds, Overrides, AfterHours, ControlledSales, PatientAccess];

    /// <summary>The view applied to a filter: its event types and after-hours flag; dates, branch and the rest are kept.</summary>
    public AuditFilter ApplyTo(AuditFilter filter) => filter with { EventTypes = EventTypes, AfterHoursOnly = AfterHoursOnly };
}
