using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.History;

/// <summary>
/// The branch's register history: committed sales, newest first, narrowed by any of the filters. Dates are the
/// branch's calendar days. Reads the replica, which may lag the registers by seconds.
/// </summary>
public sealed class SaleHistory(IReadReplicaDbContextFactory replica)
{
    public const int MaxPageSize = 100;
    public const string InvertedDates = "The \"from\" date is after the \"to\" date; swap them.";

    /// <summary>Every filter is optional; text filters match part of a name, ignoring case.</summary>
    public sealed record Filter
    {
        public string? SaleNumber { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        /// <summary>The cashier's name or user name.</summary>
        public string? Cashier { get; init; }
        /// <summary>The patient's name.</summary>
        public string? Customer { get; init; }
        /// <summary>A product name on one of the lines, or its barcode (GTIN).</summary>
        public string? Item { get; init; }
    }

    public sealed record Row(Guid Id, string SaleNumber, DateTimeOffset LocalTime, SaleStatus Status, string Cashier, string? Customer,
        int Items, Money Total, bool HasReturns);

    public sealed record Page(IReadOnlyList<Row> Rows, int TotalCount);

    /// <summary>Refuses (DomainException, nothing queried) a "from" date after the "to" date.</summary>
    public static void Check(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is { } from && filter.To is { } to && from > to)
            throw new DomainException(InvertedDates);
    }

    public async Task<Page> SearchAsync(Guid branchId, Filter filter, int skip, int take, CancellationToken ct = default)
    {
        Check(filter);
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = replica.CreateDbContext();
        var branch = await db.Set<Branch>().AsNoTracking().SingleAsync(b => b.Id == branchId, ct);

        var sales = db.Set<Sale>().IgnoreAutoIncludes().Where(s => s.BranchId == branchId);
        if (Text(filter.SaleNumber) is { } number)
        {
            var n = number.ToUpperInvariant();
            sales = sales.Where(s => s.SaleNumber.Contains(n));
        }
        if (filter.From is { } from)
        {
            var start = StartOf(branch, from);
            sales = sales.Where(s => (s.CompletedAt ?? s.VoidedAt ?? s.OpenedAt) >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOf(branch, to.AddDays(1));
            sales = sales.Where(s => (s.CompletedAt ?? s.VoidedAt ?? s.OpenedAt) < end);
        }
        if (Text(filter.Cashier) is { } cashier)
        {
            var c = cashier.ToLowerInvariant();
            var cashiers = db.Set<StaffUser>().Where(u => u.DisplayName.ToLower().Contains(c) || u.UserName!.ToLower().Contains(c)).Select(u => u.Id);
            sales = sales.Where(s => cashiers.Contains(s.CashierUserId));
        }
        if (Text(filter.Customer) is { } customer)
        {
            var c = customer.ToLowerInvariant();
            var patients = db.Set<Patient>()
                .Where(p => (p.FirstName.ToLower() + " " + p.LastName.ToLower()).Contains(c) || (p.LastName.ToLower() + ", " + p.FirstName.ToLower()).Contains(c))
                .Select(p => (Guid?)p.Id);
            sales = sales.Where(s => patients.Contains(s.CustomerId));
        }
        if (Text(filter.Item) is { } item)
        {
            var i = item.ToLowerInvariant();
            var byCode = Gtin.TryParse(item, out var gtin, out _);
            sales = byCode
                ? sales.Where(s => s.Lines.Any(l => !l.IsVoided && (l.Gtin == gtin || l.Name.ToLower().Contains(i))))
                : sales.Where(s => s.Lines.Any(l => !l.IsVoided && l.Name.ToLower().Contains(i)));
        }

        var total = await sales.CountAsync(ct);
        var page = await sales
            .OrderByDescending(s => s.CompletedAt ?? s.VoidedAt ?? s.OpenedAt).ThenByDescending(s => s.SaleNumber)
            .Skip(skip).Take(take)
            .Select(s => new
            {
                s.Id, s.SaleNumber, s.CompletedAt, s.VoidedAt, s.OpenedAt, s.Status, s.Total,
                Cashier = db.Set<StaffUser>().Where(u => u.Id == s.CashierUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Customer = db.Set<Patient>().Where(p => p.Id == s.CustomerId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                Items = s.Lines.Where(l => !l.IsVoided).Sum(l => l.Quantity),
                HasReturns = db.Set<SaleReturn>().Any(r => r.SaleId == s.Id && r.Status != ReturnStatus.Abandoned),
            })
            .ToListAsync(ct);
        var rows = page.Select(s => new Row(s.Id, s.SaleNumber, branch.LocalTime(s.CompletedAt ?? s.VoidedAt ?? s.OpenedAt), s.Status,
            s.Cashier ?? "—", s.Customer, s.Items, s.Total, s.HasReturns)).ToList();
        return new Page(rows, total);
    }

    /// <summary>The instant a branch-local calendar day begins (DST-aware), in UTC.</summary>
    public static DateTimeOffset StartOf(Branch branch, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var zone = branch.TimeZone;
        // Midnight that does not exist (a DST jump at midnight) begins the day at the first valid minute.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
