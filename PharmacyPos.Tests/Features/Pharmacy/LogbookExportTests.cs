using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Pharmacy.Logbook;
using PharmacyPos.Web.Infrastructure.Export;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>
/// The listed-chemical logbook: searched and paged in the database, exported without the purchaser's name or ID
/// number in any URL, and every export recorded in the audit trail (within what the trail may hold).
/// </summary>
public class LogbookExportTests
{
    private const string Number = "D1234567";

    private static PosAppFactory App(TestDatabase database) => new()
    {
        Settings = database.Provider == DatabaseProvider.PostgreSql
            ? new Dictionary<string, string?> { ["ConnectionStrings:Pos"] = database.ConnectionString, ["Database:MigrateOnStart"] = "true", ["Demo:Seed"] = "true" }
            : new Dictionary<string, string?> { ["ConnectionStrings:PosSqlite"] = database.ConnectionString, ["Demo:Seed"] = "true" },
    };

    /// <summary>30 sales to Dana Buyer at Main Street (Chicago time), one of them at 11:30 pm local on March 9, and one to someone else.</summary>
    private static async Task<DateOnly> SeedAsync(PosAppFactory app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var main = await db.Set<Branch>().SingleAsync(b => b.Code == "BR-001");
        var pack = (await db.Set<Product>().ToListAsync()).First(p => p.ListedChemical is not null);
        var today = new DateOnly(2026, 3, 10);
        // Each entry owns its copy of the purchaser's ID (an owned type is never shared between rows).
        PhotoId Dana() => PhotoId.Create(PhotoIdType.DriversLicense, Number, "TX", new DateOnly(1979, 4, 12), "Dana Buyer", "5 Elm Street, Austin, TX", null, today);
        var other = PhotoId.Create(PhotoIdType.DriversLicense, "X7654321", "TX", new DateOnly(1980, 1, 2), "Lee Other", "9 Oak Road", null, today);
        var lateOnMarch9 = new DateTimeOffset(2026, 3, 9, 23, 30, 0, main.TimeZone.GetUtcOffset(new DateTime(2026, 3, 9, 23, 30, 0)));
        for (var i = 0; i < 30; i++)
            db.Add(new LogbookEntry(pack, 1, i == 0 ? lateOnMarch9 : lateOnMarch9.AddDays(-1 - i), Dana(), "sale_signatures/s" + i, main.Id, Guid.CreateVersion7(), null));
        db.Add(new LogbookEntry(pack, 1, lateOnMarch9.AddHours(-2), other, "sale_signatures/other", main.Id, Guid.CreateVersion7(), null));
        await db.SaveChangesAsync();
        return new DateOnly(2026, 3, 9);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_logbook_pages_in_the_database_with_a_total_and_branch_local_days(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = App(database);
        var march9 = await SeedAsync(app);
        var search = app.Services.GetRequiredService<LogbookSearch>();

        var (page, total) = await search.PageAsync(new LogbookSearch.Criteria(Name: "dana"), skip: 25, take: 10);
        Assert.Equal(30, total);
        Assert.Equal(5, page.Count);
        Assert.All(page, r => Assert.Equal("Dana Buyer", r.PurchaserName));

        // 11:30 pm in Chicago on March 9 is March 10 in UTC: it belongs to March 9 at the branch.
        var (day, dayTotal) = await search.PageAsync(new LogbookSearch.Criteria(From: march9, To: march9), 0, 25);
        Assert.Equal(2, dayTotal);
        Assert.Contains(day, r => r.PurchaserName == "Dana Buyer" && r.LocalTime.Hour == 23);

        var (byNumber, numberTotal) = await search.PageAsync(new LogbookSearch.Criteria(IdNumber: " d1234567 "), 0, 5);
        Assert.Equal(30, numberTotal);
        Assert.Equal(5, byNumber.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_export_takes_its_criteria_from_a_one_time_ticket_and_is_audited_without_the_name_or_number(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = App(database);
        await SeedAsync(app);
        using var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PosAppFactory.SignInAsync(client, "pharmacist", "Pharmacist-Demo-1")).StatusCode);
        var factory = app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        Guid pharmacist;
        await using (var db = await factory.CreateDbContextAsync())
            pharmacist = await db.Users.Where(u => u.UserName == "pharmacist").Select(u => u.Id).SingleAsync();

        var criteria = new LogbookSearch.Criteria(Name: "Dana Buyer", IdNumber: Number);
        var ticket = await app.Services.GetRequiredService<ExportTickets>().IssueAsync(LogbookExport.TicketName, pharmacist, criteria);
        var url = ExportTickets.Url(LogbookExport.Path, ticket);
        Assert.DoesNotContain("Dana", url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Number, url, StringComparison.OrdinalIgnoreCase);

        using var export = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Null(export.Content.Headers.ContentLength);
        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(LogbookSearch.CsvHeader, lines[0]);
        Assert.Equal(30, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",Dana Buyer,", l, StringComparison.Ordinal));

        await using (var db = await factory.CreateDbContextAsync())
        {
            var recorded = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.LogbookExported);
            Assert.Equal("pharmacist", recorded.UserName);
            Assert.Contains("\"purchaserName\":\"given\"", recorded.After!, StringComparison.Ordinal);
            Assert.Contains("4567", recorded.After!, StringComparison.Ordinal);
            Assert.DoesNotContain("Dana", recorded.After!, StringComparison.Ordinal);
            Assert.DoesNotContain(Number, recorded.After!, StringComparison.Ordinal);
        }

        // Used once; criteria in the URL are not read at all.
        var again = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(ExportTickets.Refusal, await again.Content.ReadAsStringAsync());
        var byQuery = await client.GetAsync($"{LogbookExport.Path}?name=Dana&idNumber={Number}");
        Assert.Equal(HttpStatusCode.BadRequest, byQuery.StatusCode);
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.LogbookExported));
    }

    [Fact]
    public async Task A_ticket_issued_to_one_member_of_staff_is_refused_to_another()
    {
        await using var app = new PosAppFactory();
        var tickets = app.Services.GetRequiredService<ExportTickets>();
        var ticket = await tickets.IssueAsync(LogbookExport.TicketName, Guid.NewGuid(), new LogbookSearch.Criteria(Name: "Dana"));

        Assert.Null(await tickets.RedeemAsync<LogbookSearch.Criteria>(LogbookExport.TicketName, Guid.NewGuid(), ticket));
        Assert.Null(await tickets.RedeemAsync<LogbookSearch.Criteria>(LogbookExport.TicketName, null, ticket));
        Assert.Null(await tickets.RedeemAsync<LogbookSearch.Criteria>("audit", Guid.NewGuid(), ticket));
    }
}
