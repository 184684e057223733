using System.Globalization;
using System.Text;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Export;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Audit.Review;

/// <summary>
/// GET /api/audit/export.csv?ticket=… — the review screen's filtered view as CSV (RFC 4180), streamed row by
/// row from the database, never held in memory. The filter (patients, users) comes from the screen through
/// <see cref="ExportTickets"/>, never in the URL. The export itself is recorded in the audit trail.
/// </summary>
public static class AuditExport
{
    public const string Path = "/api/audit/export.csv";

    /// <summary>The name tickets for this export are issued under.</summary>
    public const string TicketName = "audit";

    public static readonly IReadOnlyList<string> Columns =
    [
        "sequence", "occurred_at_utc", "branch", "branch_local_time", "user", "role", "register", "event_type",
        "entity_type", "entity_id", "reason", "approved_by", "patient_id", "product_id", "dea_schedule", "before", "after",
    ];

    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync).RequireAuthorization(Policies.AuditReview);

    private static async Task ExportAsync(HttpContext http, ExportTickets tickets, AuditSearch search, IAuditTrail audit, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var filter = await tickets.RedeemAsync<AuditFilter>(TicketName, http.User.UserId(), http.Request.Query[ExportTickets.QueryName].ToString(), ct);
        if (filter is null || filter.Problem() is not null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(filter?.Problem() ?? ExportTickets.Refusal, ct);
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
