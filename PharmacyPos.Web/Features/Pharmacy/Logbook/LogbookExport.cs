using System.Text;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Export;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Pharmacy.Logbook;

/// <summary>
/// GET /pharmacy/logbook/export.csv?ticket=… — the logbook entries the pharmacist searched for, as CSV, streamed
/// from the database. The criteria (names, ID numbers) come from the page through <see cref="ExportTickets"/>,
/// never in the URL. The export is recorded in the audit trail before the first row leaves.
/// </summary>
public static class LogbookExport
{
    public const string Path = "/pharmacy/logbook/export.csv";

    /// <summary>The name tickets for this export are issued under.</summary>
    public const string TicketName = "logbook";

    public static void MapLogbookExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Pharmacist);

    private static async Task ExportAsync(HttpContext http, ExportTickets tickets, LogbookSearch search, IAuditTrail audit, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var criteria = await tickets.RedeemAsync<LogbookSearch.Criteria>(TicketName, http.User.UserId(),
            http.Request.Query[ExportTickets.QueryName].ToString(), ct);
        if (criteria is null || criteria.Problem() is not null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(criteria?.Problem() ?? ExportTickets.Refusal, ct);
            return;
        }

        // Recorded before the first row leaves: an export cut off half-way was still an export of purchasers' records.
        await audit.RecordAsync(AuditActors.From(http.User),
            new AuditEntry(AuditEventTypes.LogbookExported, "ListedChemicalLogbook", null) { After = criteria.ToAuditJson() }, ct);

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"listed-chemical-logbook-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        // A byte order mark so that spreadsheet programs read names and addresses as UTF-8.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024);
        await writer.WriteAsync(LogbookSearch.CsvHeader + "\r\n");
        var rows = 0;
        await foreach (var row in search.StreamAsync(criteria, ct))
        {
            await writer.WriteAsync(LogbookSearch.CsvLine(row));
            if (++rows % 1000 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }
}
