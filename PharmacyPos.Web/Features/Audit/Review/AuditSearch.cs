using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Audit.Review;

/// <summary>
/// Finds audit records for the review screen and the export. Reads go to the read replica: the trail
/// there may lag the registers by seconds, which a review can bear.
/// </summary>
public sealed class AuditSearch(IReadReplicaDbContextFactory replica)
{
    public sealed record BranchInfo(Guid Id, string Code, string Name, TimeZoneInfo Zone);
    public sealed record UserInfo(Guid Id, string Name, string UserName);
    public sealed record Option(Guid Id, string Text);

    public sealed record Row(
        long Sequence, DateTimeOffset OccurredAt, DateTimeOffset LocalTime, string Branch, string UserName, string Role,
        string? Register, string EventType, string EntityType, string? EntityId, string? Reason, Guid? PatientId,
        Guid? ProductId, int? Schedule, string? ApprovedBy, string? Before, string? After);

    public sealed record Lookups(IReadOnlyList<BranchInfo> Branches, IReadOnlyList<UserInfo> Users)
    {
        public BranchInfo? Branch(Guid? id) => id is null ? null : Branches.FirstOrDefault(b => b.Id == id);
    }

    public async Task<Lookups> LookupsAsync(CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var branches = await db.Set<Branch>().AsNoTracking().OrderBy(b => b.Code).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new UserInfo(u.Id, u.DisplayName, u.UserName ?? "")).ToListAsync(ct);
        return new Lookups(branches.Select(b => new BranchInfo(b.Id, b.Code, b.Name, b.TimeZone)).ToList(), users);
    }

    /// <summary>One page of records, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<Row> Rows, int Total)> PageAsync(
        AuditFilter filter, Lookups lookups, Guid? reviewerBranchId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var query = Apply(db.Set<AuditEvent>().AsNoTracking(), filter, lookups, reviewerBranchId);
        var total = await query.CountAsync(ct);
        var events = await query.OrderByDescending(e => e.Sequence).Skip(skip).Take(take).ToListAsync(ct);
        var home = HomeZone(lookups, reviewerBranchId);
        return (events.Select(e => ToRow(e, lookups, home)).ToList(), total);
    }

    /// <summary>How many matching records each person made, most first (voids and refunds by cashier).</summary>
    public async Task<IReadOnlyList<(string Name, int Count)>> CountByUserAsync(
        AuditFilter filter, Lookups lookups, Guid? reviewerBranchId, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var counts = await Apply(db.Set<AuditEvent>().AsNoTracking(), filter, lookups, reviewerBranchId)
            .GroupBy(e => e.UserName)
            .Select(g => new { Name = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name)
            .Take(50)
            .ToListAsync(ct);
        return counts.Select(c => (c.Name, c.Count)).ToList();
    }

    public async Task<AuditEvent?> FindAsync(long sequence, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        return await db.Set<AuditEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == sequence, ct);
    }

    public async Task<IReadOnlyList<Option>> FindPatientsAsync(string? text, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var q = db.Set<Patient>().AsNoTracking();
        foreach (var word in Words(text))
        {
            var pattern = $"%{word}%";
            q = q.Where(p => EF.Functions.Like(p.FirstName.ToLower(), pattern) || EF.Functions.Like(p.LastName.ToLower(), pattern));
        }
        var patients = await q.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(20).ToListAsync(ct);
        return patients.Select(p => new Option(p.Id, $"{p.LastName}, {p.FirstName} ({p.DateOfBirth:yyyy-MM-dd})")).ToList();
    }

    public async Task<IReadOnlyList<Option>> FindProductsAsync(string? text, CancellationToken ct = default)
    {
        await using var db = replica.CreateDbContext();
        var q = db.Set<Product>().AsNoTracking();
        foreach (var word in Words(text))
        {
            var pattern = $"%{word}%";
            q = q.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern));
        }
        var products = await q.OrderBy(p => p.Name).Take(20).ToListAsync(ct);
        return products.Select(p => new Option(p.Id, $"{p.Name} {p.Strength}".Trim())).ToList();
    }

    /// <summary>Names for patient and product ids shown on a page.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<Guid, string>();
        await using var db = replica.CreateDbContext();
        var patients = await db.Set<Patient>().AsNoTracking().Where(p => wanted.Contains(p.Id))
            .Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct);
        var products = await db.Set<Product>().AsNoTracking().Where(p => wanted.Contains(p.Id))
            .Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var names = new Dictionary<Guid, string>();
        foreach (var p in patients) names[p.Id] = $"{p.FirstName} {p.LastName}";
        foreach (var p in products) names[p.Id] = p.Name;
        return names;
    }

    /// <summary>Every matching record, oldest first, streamed from the database (the export).</summary>
    public async IAsyncEnumerable<Row> StreamAsync(
        AuditFilter filter, Lookups lookups, Guid? reviewerBranchId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var owner = replica.CreateDbContext();
        await using var streaming = Infrastructure.Auditing.AuditReads.StreamingOver(owner);
        var db = streaming ?? owner;
        var home = HomeZone(lookups, reviewerBranchId);
        var query = Apply(db.Set<AuditEvent>().AsNoTracking(), filter, lookups, reviewerBranchId).OrderBy(e => e.Sequence);
        await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
            yield return ToRow(e, lookups, home);
    }

    /// <summary>The filter as a database query. Dates are whole days at the chosen branch (or the reviewer's).</summary>
    public static IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> query, AuditFilter filter, Lookups lookups, Guid? reviewerBranchId)
    {
        var zone = lookups.Branch(filter.BranchId)?.Zone ?? HomeZone(lookups, reviewerBranchId);
        if (filter.From is { } from)
        {
            var start = StartOfDay(from, zone);
            query = query.Where(e => e.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), zone);
            query = query.Where(e => e.OccurredAt < end);
        }
        if (filter.BranchId is { } branch) query = query.Where(e => e.BranchId == branch);
        if (filter.UserId is { } user) query = query.Where(e => e.UserId == user);
        if (filter.EventTypes.Count > 0)
        {
            var types = filter.EventTypes.ToList();
            query = query.Where(e => types.Contains(e.EventType));
        }
        if (filter.PatientId is { } patient) query = query.Where(e => e.PatientId == patient);
        if (filter.ProductId is { } product) query = query.Where(e => e.ProductId == product);
        if (filter.Schedule is { } schedule) query = query.Where(e => e.DeaSchedule == schedule);
        if (filter.AfterHoursOnly && filter.From is { } first && filter.To is { } last)
            query = query.Where(AfterHours(lookups, reviewerBranchId, filter.BranchId, first, last));
        return query;
    }

    public static TimeZoneInfo HomeZone(Lookups lookups, Guid? reviewerBranchId) =>
        lookups.Branch(reviewerBranchId)?.Zone ?? (lookups.Branches.Count > 0 ? lookups.Branches[0].Zone : null) ?? TimeZoneInfo.Utc;

    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) => At(day, TimeOnly.MinValue, zone);

    private static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A wall-clock time skipped when clocks go forward is taken as the first instant after the gap.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>
    /// Records outside <see cref="AuditFilter.OpensAt"/>–<see cref="AuditFilter.ClosesAt"/> at their own
    /// branch (records without a branch, such as failed sign-ins, at the reviewer's): for each branch, the
    /// nights between the range's days as UTC windows, so the database compares instants only.
    /// </summary>
    private static Expression<Func<AuditEvent, bool>> AfterHours(
        Lookups lookups, Guid? reviewerBranchId, Guid? onlyBranch, DateOnly from, DateOnly to)
    {
        var e = Expression.Parameter(typeof(AuditEvent), "e");
        var occurredAt = Expression.Property(e, nameof(AuditEvent.OccurredAt));
        var branchId = Expression.Property(e, nameof(AuditEvent.BranchId));
        var home = HomeZone(lookups, reviewerBranchId);

        var byZone = lookups.Branches.Where(b => onlyBranch is null || b.Id == onlyBranch)
            .Select(b => (Id: (Guid?)b.Id, b.Zone)).ToList();
        if (onlyBranch is null) byZone.Add((null, home));

        var perBranch = new List<Expression>();
        foreach (var group in byZone.GroupBy(b => b.Zone.Id))
        {
            var zone = group.First().Zone;
            var windows = new List<Expression>();
            for (var day = from.AddDays(-1); day <= to; day = day.AddDays(1))
            {
                var start = At(day, AuditFilter.ClosesAt, zone);
                var end = At(day.AddDays(1), AuditFilter.OpensAt, zone);
                windows.Add(Expression.AndAlso(
                    Expression.GreaterThanOrEqual(occurredAt, Expression.Constant(start)),
                    Expression.LessThan(occurredAt, Expression.Constant(end))));
            }
            var branches = group.Select(b => (Expression)Expression.Equal(branchId, Expression.Constant(b.Id, typeof(Guid?)))).ToList();
            perBranch.Add(Expression.AndAlso(Balanced(branches), Balanced(windows)));
        }
        var body = perBranch.Count == 0 ? Expression.Constant(false) : Balanced(perBranch);
        return Expression.Lambda<Func<AuditEvent, bool>>(body, e);
    }

    // A balanced tree of ORs: hundreds of nights must not make one deep left-leaning chain.
    private static Expression Balanced(List<Expression> terms) => terms.Count switch
    {
        0 => Expression.Constant(false),
        1 => terms[0],
        _ => Expression.OrElse(Balanced(terms[..(terms.Count / 2)]), Balanced(terms[(terms.Count / 2)..])),
    };

    private static Row ToRow(AuditEvent e, Lookups lookups, TimeZoneInfo home)
    {
        var branch = lookups.Branch(e.BranchId);
        var local = TimeZoneInfo.ConvertTime(e.OccurredAt, branch?.Zone ?? home);
        return new Row(e.Sequence, e.OccurredAt, local, branch?.Code ?? "", e.UserName, e.Role, e.Register, e.EventType,
            e.EntityType, e.EntityId, e.Reason, e.PatientId, e.ProductId, e.DeaSchedule, e.ApprovedByName, e.Before, e.After);
    }

    private static string[] Words(string? text) =>
        (text ?? "").ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
