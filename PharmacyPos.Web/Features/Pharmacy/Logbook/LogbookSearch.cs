using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Export;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Pharmacy.Logbook;

/// <summary>
/// The listed-chemical logbook across the chain, searched by purchaser name, ID number, dates (the selling
/// branch's calendar) and product, for the pharmacist and for DEA or police requests (CSV export). Every
/// filter runs in the database: the screen reads one page and the total, the export streams.
/// </summary>
public sealed class LogbookSearch(IReadReplicaDbContextFactory replica)
{
    public sealed record Criteria(string? Name = null, string? IdNumber = null, DateOnly? From = null, DateOnly? To = null, string? Product = null)
    {
        /// <summary>What is wrong with the criteria, in the pharmacist's words; null when they can be searched.</summary>
        public string? Problem() => From is { } from && To is { } to && from > to
            ? $"The start date ({from:MMM d, yyyy}) is after the end date ({to:MMM d, yyyy}). Choose a start on or before the end."
            : null;

        /// <summary>
        /// The criteria as the audit trail keeps them: the trail holds no purchaser's name and only the last four
        /// characters of an ID number (as <see cref="PhotoId.MaskedNumber"/>), because its records reach logs and exports.
        /// </summary>
        public string ToAuditJson() => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["purchaserName"] = string.IsNullOrWhiteSpace(Name) ? null : "given",
            ["idNumber"] = string.IsNullOrWhiteSpace(IdNumber) ? null : Mask(IdNumber.Trim()),
            ["product"] = string.IsNullOrWhiteSpace(Product) ? null : Product.Trim(),
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

        private static string Mask(string number) => number.Length <= 4 ? new string('•', number.Length) : new string('•', number.Length - 4) + number[^4..];
    }

    public sealed record Row(Guid Id, string Branch, DateTimeOffset LocalTime, string Product, string Chemical, int Packages, decimal BaseGrams,
        string PurchaserName, string IdType, string IdIssuedBy, string IdNumber, DateOnly DateOfBirth, string Address, bool HasSignature);

    /// <summary>One page of entries, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<Row> Rows, int Total)> PageAsync(Criteria criteria, int skip, int take, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var branches = await db.Set<Branch>().AsNoTracking().ToListAsync(ct);
        var query = Apply(db.Set<LogbookEntry>().AsNoTracking(), criteria, branches);
        var total = await query.CountAsync(ct);
        var rows = await Newest(db, query).Skip(skip).Take(take).ToListAsync(ct);
        var byId = branches.ToDictionary(b => b.Id);
        return (rows.Select(x => ToRow(x.Entry, x.HasSignature, byId)).ToList(), total);
    }

    /// <summary>Every matching entry, newest first, streamed from the database (the export): never held in memory.</summary>
    public async IAsyncEnumerable<Row> StreamAsync(Criteria criteria, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var owner = replica.CreateDbContext();
        var branches = await owner.Set<Branch>().AsNoTracking().ToListAsync(ct);
        var byId = branches.ToDictionary(b => b.Id);
        // A context whose execution strategy retries buffers the whole result; this one streams.
        await using var streaming = AuditReads.StreamingOver(owner);
        var db = streaming ?? owner;
        var query = Apply(db.Set<LogbookEntry>().AsNoTracking(), criteria, branches);
        await foreach (var x in Newest(db, query).AsAsyncEnumerable().WithCancellation(ct))
            yield return ToRow(x.Entry, x.HasSignature, byId);
    }

    private sealed record Found(LogbookEntry Entry, bool HasSignature);

    private static IQueryable<Found> Newest(PosDbContext db, IQueryable<LogbookEntry> query)
    {
        var signatures = db.Set<SaleSignature>().AsNoTracking();
        return query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new Found(e, signatures.Any(s => s.SaleId == e.SaleId)));
    }

    /// <summary>The criteria as a database query. Dates are whole days at each entry's own branch.</summary>
    public static IQueryable<LogbookEntry> Apply(IQueryable<LogbookEntry> query, Criteria criteria, IReadOnlyList<Branch> branches)
    {
        if (!string.IsNullOrWhiteSpace(criteria.Name))
        {
            var name = criteria.Name.Trim().ToUpperInvariant();
            query = query.Where(e => e.Purchaser.FullName.ToUpper().Contains(name));
        }
        if (!string.IsNullOrWhiteSpace(criteria.IdNumber))
        {
            // ID numbers are stored as PhotoId cleans them: upper case, runs of spaces made one.
            var number = string.Join(' ', criteria.IdNumber.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
            query = query.Where(e => e.Purchaser.Number == number);
        }
        if (!string.IsNullOrWhiteSpace(criteria.Product))
        {
            var product = criteria.Product.Trim().ToUpperInvariant();
            query = query.Where(e => e.ProductName.ToUpper().Contains(product));
        }
        if (criteria.From is not null || criteria.To is not null)
            query = query.Where(WithinDays(branches, criteria.From, criteria.To));
        return query;
    }

    /// <summary>
    /// For each time zone of the chain, its branches' entries between local midnight of the first day and local
    /// midnight after the last, as UTC instants: the database compares instants only.
    /// </summary>
    private static Expression<Func<LogbookEntry, bool>> WithinDays(IReadOnlyList<Branch> branches, DateOnly? from, DateOnly? to)
    {
        var e = Expression.Parameter(typeof(LogbookEntry), "e");
        var at = Expression.Property(e, nameof(LogbookEntry.At));
        var branchId = Expression.Property(e, nameof(LogbookEntry.BranchId));
        var perZone = new List<Expression>();
        foreach (var zone in branches.GroupBy(b => b.TimeZoneId))
        {
            var tz = zone.First().TimeZone;
            var window = new List<Expression>();
            if (from is { } f) window.Add(Expression.GreaterThanOrEqual(at, Expression.Constant(StartOfDay(f, tz))));
            if (to is { } t) window.Add(Expression.LessThan(at, Expression.Constant(StartOfDay(t.AddDays(1), tz))));
            var inZone = Balanced(zone.Select(b => (Expression)Expression.Equal(branchId, Expression.Constant(b.Id))).ToList(), Expression.OrElse);
            perZone.Add(Expression.AndAlso(inZone, Balanced(window, Expression.AndAlso)));
        }
        return Expression.Lambda<Func<LogbookEntry, bool>>(Balanced(perZone, Expression.OrElse), e);
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped when clocks go forward is taken as the first instant after the gap.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static Expression Balanced(List<Expression> terms, Func<Expression, Expression, BinaryExpression> join) => terms.Count switch
    {
        0 => Expression.Constant(false),
        1 => terms[0],
        _ => join(Balanced(terms[..(terms.Count / 2)], join), Balanced(terms[(terms.Count / 2)..], join)),
    };

    private static Row ToRow(LogbookEntry e, bool hasSignature, IReadOnlyDictionary<Guid, Branch> branches)
    {
        var branch = branches.GetValueOrDefault(e.BranchId);
        var local = branch?.LocalTime(e.At) ?? e.At;
        return new Row(e.Id, branch?.Code ?? "?", local, e.ProductName, e.Chemical.ToString(), e.Packages, e.BaseGrams,
            e.Purchaser.FullName, e.Purchaser.Type.ToString(), e.Purchaser.IssuedBy, e.Purchaser.Number, e.Purchaser.DateOfBirth,
            e.Purchaser.Address, hasSignature);
    }

    public static readonly string CsvHeader =
        "branch,local_time,utc_offset,product,chemical,packages,base_grams,purchaser_name,id_type,id_issued_by,id_number,date_of_birth,address,signed";

    /// <summary>One row as CSV (RFC 4180, CRLF); text typed at the counter goes through <see cref="Csv.Cell"/>.</summary>
    public static string CsvLine(Row row)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join(',',
            Csv.Cell(row.Branch), row.LocalTime.ToString("yyyy-MM-dd HH:mm:ss", inv), row.LocalTime.ToString("zzz", inv), Csv.Cell(row.Product),
            Csv.Cell(row.Chemical), row.Packages.ToString(inv), row.BaseGrams.ToString("0.000", inv), Csv.Cell(row.PurchaserName), Csv.Cell(row.IdType),
            Csv.Cell(row.IdIssuedBy), Csv.Cell(row.IdNumber), row.DateOfBirth.ToString("yyyy-MM-dd", inv), Csv.Cell(row.Address), row.HasSignature ? "yes" : "no")
            + "\r\n";
    }
}
