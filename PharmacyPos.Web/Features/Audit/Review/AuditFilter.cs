using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Web.Features.Audit.Review;

/// <summary>
/// What a reviewer asks of the audit trail. Dates are calendar days at the branch (the chosen branch,
/// or the reviewer's own), both included. The same filter drives the screen and the CSV export, whose
/// query string it reads and writes.
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

    /// <summary>The filter as the export's query string (without the leading "?").</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("branch", BranchId?.ToString());
        Add("user", UserId?.ToString());
        foreach (var type in EventTypes) Add("type", type);
        Add("patient", PatientId?.ToString());
        Add("product", ProductId?.ToString());
        Add("schedule", Schedule?.ToString(CultureInfo.InvariantCulture));
        if (AfterHoursOnly) Add("afterHours", "true");
        return string.Join('&', parts);
    }

    /// <summary>Reads the export's query string; a value that cannot be read is named in <paramref name="problem"/>.</summary>
    public static bool TryParse(IEnumerable<KeyValuePair<string, StringValues>> query, out AuditFilter filter, out string? problem)
    {
        filter = new AuditFilter();
        problem = null;
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        string? One(string name) => values.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString().Trim() : null;

        DateOnly? Date(string name, string label, ref string? error)
        {
            if (One(name) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            error ??= $"The {label} \"{text}\" is not a date like 2025-03-14.";
            return null;
        }
        Guid? Id(string name, string label, ref string? error)
        {
            if (One(name) is not { } text) return null;
            if (Guid.TryParse(text, out var g)) return g;
            error ??= $"The {label} \"{text}\" is not known.";
            return null;
        }

        string? error = null;
        var from = Date("from", "start date", ref error);
        var to = Date("to", "end date", ref error);
        var branch = Id("branch", "branch", ref error);
        var user = Id("user", "user", ref error);
        var patient = Id("patient", "patient", ref error);
        var product = Id("product", "product", ref error);
        int? schedule = null;
        if (One("schedule") is { } s)
        {
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) schedule = n;
            else error ??= "The controlled schedule is II, III, IV or V.";
        }
        var afterHours = One("afterHours") is { } a && bool.TryParse(a, out var b) && b;
        var types = values.TryGetValue("type", out var t)
            ? t.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList()
            : [];

        filter = new AuditFilter
        {
            From = from, To = to, BranchId = branch, UserId = user, EventTypes = types,
            PatientId = patient, ProductId = product, Schedule = schedule, AfterHoursOnly = afterHours,
        };
        problem = error ?? filter.Problem();
        return problem is null;
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
