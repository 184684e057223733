using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Logbook;

/// <summary>
/// The listed-chemical logbook across the chain, searched by purchaser name, ID number, dates (the selling
/// branch's calendar) and product, for the pharmacist and for DEA or police requests (CSV export).
/// </summary>
public sealed class LogbookSearch(IReadReplicaDbContextFactory replica)
{
    public const int MaxRows = 500;

    public sealed record Criteria(string? Name = null, string? IdNumber = null, DateOnly? From = null, DateOnly? To = null, string? Product = null);

    public sealed record Row(Guid Id, string Branch, DateTimeOffset LocalTime, string Product, string Chemical, int Packages, decimal BaseGrams,
        string PurchaserName, string IdType, string IdIssuedBy, string IdNumber, DateOnly DateOfBirth, string Address, bool HasSignature);

    public async Task<IReadOnlyList<Row>> SearchAsync(Criteria criteria, int max = MaxRows, CancellationToken ct = default)
    {
        var rows = new List<Row>();
        await foreach (var row in StreamAsync(criteria, ct))
        {
            rows.Add(row);
            if (rows.Count >= max) break;
        }
        return rows;
    }

    public async IAsyncEnumerable<Row> StreamAsync(Criteria criteria, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var branches = await db.Set<Branch>().AsNoTracking().ToDictionaryAsync(b => b.Id, ct);
        var query = db.Set<LogbookEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(criteria.Name))
        {
            var name = criteria.Name.Trim().ToUpperInvariant();
            query = query.Where(e => e.Purchaser.FullName.ToUpper().Contains(name));
        }
        if (!string.IsNullOrWhiteSpace(criteria.IdNumber))
        {
            var number = criteria.IdNumber.Trim().ToUpperInvariant();
            query = query.Where(e => e.Purchaser.Number == number);
        }
        if (!string.IsNullOrWhiteSpace(criteria.Product))
        {
            var product = criteria.Product.Trim().ToUpperInvariant();
            query = query.Where(e => e.ProductName.ToUpper().Contains(product));
        }
        // Dates are the selling branch's: read a day either side in UTC, then keep the local dates asked for.
        if (criteria.From is { } from)
        {
            var since = new DateTimeOffset(from.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= since);
        }
        if (criteria.To is { } to)
        {
            var until = new DateTimeOffset(to.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < until);
        }
        var signatures = db.Set<SaleSignature>().AsNoTracking();
        var rows = query.OrderByDescending(e => e.At)
            .Select(e => new { Entry = e, HasSignature = signatures.Any(s => s.SaleId == e.SaleId) })
            .AsAsyncEnumerable();
        await foreach (var x in rows.WithCancellation(ct))
        {
            var e = x.Entry;
            var branch = branches.GetValueOrDefault(e.BranchId);
            var local = branch?.LocalTime(e.At) ?? e.At;
            var day = DateOnly.FromDateTime(local.DateTime);
            if (criteria.From is { } f && day < f) continue;
            if (criteria.To is { } t && day > t) continue;
            yield return new Row(e.Id, branch?.Code ?? "?", local, e.ProductName, e.Chemical.ToString(), e.Packages, e.BaseGrams,
                e.Purchaser.FullName, e.Purchaser.Type.ToString(), e.Purchaser.IssuedBy, e.Purchaser.Number, e.Purchaser.DateOfBirth,
                e.Purchaser.Address, x.HasSignature);
        }
    }

    public static readonly string CsvHeader =
        "branch,local_time,utc_offset,product,chemical,packages,base_grams,purchaser_name,id_type,id_issued_by,id_number,date_of_birth,address,signed";

    public static string CsvLine(Row row)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join(',',
            Csv(row.Branch), row.LocalTime.ToString("yyyy-MM-dd HH:mm:ss", inv), row.LocalTime.ToString("zzz", inv), Csv(row.Product),
            Csv(row.Chemical), row.Packages.ToString(inv), row.BaseGrams.ToString("0.000", inv), Csv(row.PurchaserName), Csv(row.IdType),
            Csv(row.IdIssuedBy), Csv(row.IdNumber), row.DateOfBirth.ToString("yyyy-MM-dd", inv), Csv(row.Address), row.HasSignature ? "yes" : "no");
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Csv(string value)
    {
        var v = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}

public static class LogbookExportEndpoint
{
    public const string Path = "/pharmacy/logbook/export.csv";

    public static void MapLogbookExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (HttpContext http, LogbookSearch search, string? name, string? idNumber, DateOnly? from, DateOnly? to, string? product) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"listed-chemical-logbook.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
            await writer.WriteLineAsync(LogbookSearch.CsvHeader);
            await foreach (var row in search.StreamAsync(new LogbookSearch.Criteria(name, idNumber, from, to, product), http.RequestAborted))
                await writer.WriteLineAsync(LogbookSearch.CsvLine(row));
        }).RequireAuthorization(Infrastructure.Identity.Policies.Pharmacist);
}
