using System.Globalization;
using System.Text;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Audit.Review;

/// <summary>
/// GET /api/audit/export.csv?from=2025-03-01&amp;to=2025-03-31&amp;branch=…&amp;type=SaleVoided&amp;… — the
/// review screen's filtered view as CSV (RFC 4180), streamed row by row from the database, never held
/// in memory. The export itself is recorded in the audit trail.
/// </summary>
public static class AuditExport
{
    public const string Path = "/api/audit/export.csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "sequence", "occurred_at_utc", "branch", "branch_local_time", "user", "role", "register", "event_type",
        "entity_type", "entity_id", "reason", "approved_by", "patient_id", "product_id", "dea_schedule", "before", "after",
    ];

    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync).RequireAuthorization(Policies.AuditReview);

    private static async Task ExportAsync(HttpContext http, AuditSearch search, IAuditTrail audit, TimeProvider time)
    {
        var ct = http.RequestAborted;
        if (!AuditFilter.TryParse(http.Request.Query, out var filter, out var problem))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(problem!, ct);
            return;
        }

        var reviewer = http.User;
        var lookups = await search.LookupsAsync(ct);
        // Recorded before the first row leaves: an export cut off half-way was still an export.
        await audit.RecordAsync(AuditActors.From(reviewer), new AuditEntry(AuditEventTypes.AuditExported, "AuditTrail", null)
        {
            After = filter.ToJson(),
            PatientId = filter.PatientId,
            ProductId = filter.ProductId,
        }, ct);

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        // A byte order mark so that spreadsheet programs read the file as UTF-8.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024);
        await writer.WriteAsync(string.Join(',', Columns) + "\r\n");
        var rows = 0;
        await foreach (var row in search.StreamAsync(filter, lookups, reviewer.BranchId(), ct))
        {
            await writer.WriteAsync(Line(row));
            if (++rows % 1000 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    public static string Line(AuditSearch.Row r)
    {
        var line = new StringBuilder(256);
        void Cell(string? value, bool last = false)
        {
            line.Append(Csv.Cell(value));
            line.Append(last ? "\r\n" : ",");
        }
        Cell(r.Sequence.ToString(CultureInfo.InvariantCulture));
        Cell(r.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
        Cell(r.Branch);
        Cell(r.LocalTime.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Cell(r.UserName);
        Cell(r.Role);
        Cell(r.Register);
        Cell(r.EventType);
        Cell(r.EntityType);
        Cell(r.EntityId);
        Cell(r.Reason);
        Cell(r.ApprovedBy);
        Cell(r.PatientId?.ToString());
        Cell(r.ProductId?.ToString());
        Cell(r.Schedule?.ToString(CultureInfo.InvariantCulture));
        Cell(r.Before);
        Cell(r.After, last: true);
        return line.ToString();
    }
}

/// <summary>CSV cells as RFC 4180 writes them, made safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>
    /// Quotes a cell holding a comma, quote or line break (quotes doubled); a cell a spreadsheet would
    /// run as a formula (starting with = + - @, or a tab or carriage return) gets a leading apostrophe
    /// first, so that it is shown as text (OWASP, "CSV Injection").
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
