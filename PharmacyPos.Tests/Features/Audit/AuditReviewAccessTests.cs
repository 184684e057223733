using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Audit.Review;
using PharmacyPos.Web.Infrastructure.Export;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.Features.Audit;

/// <summary>The review screen and its CSV export through the whole app: who may open them, and what the export holds.</summary>
public class AuditReviewAccessTests : IClassFixture<PosAppFactory>
{
    private readonly PosAppFactory _app;

    public AuditReviewAccessTests(PosAppFactory app) => _app = app;

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var demo = DemoDataSeeder.Users.Single(u => u.UserName == userName);
        var client = _app.CreateBrowserLikeClient();
        var signIn = await PosAppFactory.SignInAsync(client, demo.UserName, demo.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static readonly AuditFilter WholeRange = new() { From = new DateOnly(2000, 1, 1), To = new DateOnly(2100, 12, 31) };

    /// <summary>What the screen does when Export is pressed: the filter left under a one-time ticket for this user.</summary>
    private async Task<string> ExportUrlAsync(string userName, AuditFilter filter)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var ticket = await _app.Services.GetRequiredService<ExportTickets>().IssueAsync(AuditExport.TicketName, user, filter);
        return ExportTickets.Url(AuditExport.Path, ticket);
    }

    [Theory]
    [InlineData("cashier")]
    [InlineData("admin")]
    public async Task Cashiers_and_admins_are_refused_the_review_screen_and_its_export(string userName)
    {
        using var client = await SignedInAsync(userName);

        var page = await client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);

        var export = await client.GetAsync(await ExportUrlAsync(userName, WholeRange));
        Assert.True(export.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {export.StatusCode}");
        if (export.StatusCode == HttpStatusCode.Redirect)
            Assert.StartsWith("/account/access-denied", export.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.NotEqual("text/csv", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_visitors_get_no_export()
    {
        using var client = _app.CreateBrowserLikeClient();
        var export = await client.GetAsync(await ExportUrlAsync("pharmacist", WholeRange));
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.Contains("/account/login", export.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pharmacist")]
    [InlineData("manager")]
    public async Task Pharmacists_and_managers_open_the_screen_and_export_CSV_and_the_export_is_recorded(string userName)
    {
        using var client = await SignedInAsync(userName);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit")).StatusCode);
        var url = await ExportUrlAsync(userName, WholeRange with { EventTypes = [AuditEventTypes.SignIn] });
        Assert.DoesNotContain("SignIn", url, StringComparison.Ordinal);
        var export = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', AuditExport.Columns), lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines.Skip(1), l => l.Contains($",{userName},", StringComparison.Ordinal) && l.Contains(",SignIn,", StringComparison.Ordinal));

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        var recorded = await db.Set<AuditEvent>().Where(e => e.EventType == AuditEventTypes.AuditExported && e.UserName == userName).ToListAsync();
        Assert.Contains(recorded, e => e.After!.Contains("\"types\":[\"SignIn\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filter_in_the_URL_is_not_read_and_a_ticket_works_once()
    {
        using var client = await SignedInAsync("pharmacist");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        var patient = await db.Set<PharmacyPos.Domain.Patients.Patient>().Select(p => p.Id).FirstAsync();
        var exportsBefore = await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.AuditExported);

        var byQuery = await client.GetAsync($"{AuditExport.Path}?from=2000-01-01&to=2100-12-31&patient={patient}");
        Assert.Equal(HttpStatusCode.BadRequest, byQuery.StatusCode);
        Assert.Equal(ExportTickets.Refusal, await byQuery.Content.ReadAsStringAsync());

        var url = await ExportUrlAsync("pharmacist", WholeRange with { PatientId = patient });
        Assert.DoesNotContain(patient.ToString(), url, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(exportsBefore + 1, await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.AuditExported));
    }

    [Fact]
    public async Task An_inverted_date_range_is_refused_with_a_clear_message_and_nothing_is_exported()
    {
        using var client = await SignedInAsync("pharmacist");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContextAsync();
        var exportsBefore = await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.AuditExported);

        var export = await client.GetAsync(await ExportUrlAsync("pharmacist", new AuditFilter { From = new DateOnly(2026, 3, 20), To = new DateOnly(2026, 3, 1) }));

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal("The start date (Mar 20, 2026) is after the end date (Mar 1, 2026). Choose a start on or before the end.",
            await export.Content.ReadAsStringAsync());
        Assert.Equal(exportsBefore, await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.AuditExported));
    }

    [Fact]
    public async Task A_large_export_streams_row_by_row_with_cells_safe_for_a_spreadsheet()
    {
        const int count = 50_000;
        var factory = _app.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var branch = await db.Set<Branch>().FirstAsync(b => b.Code == "BR-002");
            var actor = new AuditActor(Guid.NewGuid(), "receiver", "Manager", branch.Id, "BACK");
            var at = DateTimeOffset.UtcNow.AddHours(-1);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < count; i++)
            {
                var reason = i switch { 0 => "=HYPERLINK(\"http://evil.example\",\"click\")", 1 => "short, by \"two\" cases", _ => null };
                db.Add(AuditEvent.Record(at, AuditEventTypes.StockReceived, actor, "StockLot", $"LOT-{i}", reason: reason,
                    after: "{\"quantity\":12}"));
            }
            await db.SaveChangesAsync();
        }

        using var client = await SignedInAsync("manager");
        using var response = await client.GetAsync(await ExportUrlAsync("manager", WholeRange with { EventTypes = [AuditEventTypes.StockReceived] }),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Streamed: no length known in advance.
        Assert.Null(response.Content.Headers.ContentLength);

        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        var header = await reader.ReadLineAsync();
        Assert.Equal(string.Join(',', AuditExport.Columns), header);
        var rows = 0;
        string? formula = null, quoted = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            rows++;
            if (line.Contains("LOT-0,", StringComparison.Ordinal)) formula = line;
            if (line.Contains("LOT-1,", StringComparison.Ordinal)) quoted = line;
        }
        Assert.Equal(count, rows);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", formula, StringComparison.Ordinal);
        Assert.Contains(",\"short, by \"\"two\"\" cases\",", quoted, StringComparison.Ordinal);
        // UTC and the branch's own time (Riverside is on Pacific time).
        Assert.Matches(@"^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z,BR-002,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d -0[78]:00,receiver,Manager,BACK,StockReceived,", formula!);
    }

    [Fact]
    public async Task The_archive_shows_on_health_but_not_on_readiness()
    {
        using var client = _app.CreateBrowserLikeClient();
        using var health = JsonDocument.Parse(await client.GetStringAsync("/api/health"));
        Assert.Equal("ok", health.RootElement.GetProperty("checks").GetProperty("archive").GetString());

        using var ready = JsonDocument.Parse(await client.GetStringAsync("/api/health/ready"));
        Assert.False(ready.RootElement.GetProperty("checks").TryGetProperty("archive", out _));
    }
}
