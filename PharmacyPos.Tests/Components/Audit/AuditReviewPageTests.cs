using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Audit.Review;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Components.Audit;

/// <summary>The review screen's filters, rendered with bUnit over a real (empty) SQLite trail.</summary>
public sealed class AuditReviewPageTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _archive = Directory.CreateTempSubdirectory("pos-bunit-archive-").FullName;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:LocalPath"] = _archive }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddPersistence(_database.Settings);
        Services.AddStorage(configuration, _archive);
        Services.AddAuditTrail();
        Services.AddSingleton<AuditSearch>();
        Services.AddDistributedMemoryCache();
        Services.AddSingleton<PharmacyPos.Web.Infrastructure.Export.ExportTickets>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("pharmacist");
        auth.SetRoles(StaffRole.Pharmacist);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(PosClaims.Register, "R1"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_archive, recursive: true);
    }

    [Fact]
    public void An_inverted_date_range_shows_a_clear_message_and_runs_no_query()
    {
        var cut = Render<AuditReviewPage>();
        cut.WaitForElement("[data-testid=audit-table]");

        cut.Find("[data-testid=filter-from] input").Change("2026-03-20");
        cut.Find("[data-testid=filter-to] input").Change("2026-03-01");
        cut.Find("[data-testid=filter-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "The start date (Mar 20, 2026) is after the end date (Mar 1, 2026). Choose a start on or before the end.",
            cut.Find("[data-testid=filter-problem]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=audit-table]"));
        Assert.Empty(cut.FindAll("[data-testid=export-csv]"));
        Assert.Null(cut.Instance.Applied);
    }

    [Theory]
    [InlineData("overrides", new[] { AuditEventTypes.PriceOverridden, AuditEventTypes.ComplianceOverride }, false)]
    [InlineData("controlled", new[] { AuditEventTypes.ControlledSubstanceSold, AuditEventTypes.ListedChemicalSold }, false)]
    [InlineData("patient-access", new[] { AuditEventTypes.PatientRecordViewed, AuditEventTypes.PatientRecordChanged }, false)]
    [InlineData("voids", new[] { AuditEventTypes.SaleVoided, AuditEventTypes.LineVoided, AuditEventTypes.RefundIssued }, false)]
    [InlineData("after-hours", new string[0], true)]
    public void A_ready_made_view_sets_its_event_types_and_the_export_follows(string view, string[] types, bool afterHours)
    {
        var cut = Render<AuditReviewPage>();

        cut.WaitForElement($"[data-testid=view-{view}]").Click();

        // The chip hands the click on asynchronously.
        cut.WaitForAssertion(() =>
        {
            var applied = cut.Instance.Applied!;
            Assert.Equal(types, applied.EventTypes);
            Assert.Equal(afterHours, applied.AfterHoursOnly);
        });
        // The export is a button, not a link: the filter never goes into a URL.
        Assert.Null(cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void The_banner_shows_the_chain_state_once_checked()
    {
        var cut = Render<AuditReviewPage>();

        cut.WaitForAssertion(() => Assert.Contains("Intact: no record chained yet", cut.Find("[data-testid=chain-state]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Contains("No archive block written yet.", cut.Find("[data-testid=archive-state]").TextContent, StringComparison.Ordinal);
    }
    [Fact]
    public async Task The_banner_lists_every_break_in_the_chain()
    {
        var trail = Services.GetRequiredService<IAuditTrail>();
        var actor = new AuditActor(Guid.NewGuid(), "pharmacist", StaffRole.Pharmacist, null, "R1");
        for (var i = 0; i < 6; i++)
            await trail.RecordAsync(actor, new AuditEntry(AuditEventTypes.SignIn, "StaffUser", $"U-{i}"));
        await Services.GetRequiredService<AuditChainer>().ChainOnceAsync();
        await using (var db = _database.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync(
                "DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete; "
                + "UPDATE audit_events SET entity_id = 'U-99' WHERE sequence = 2; DELETE FROM audit_events WHERE sequence = 5;");

        var cut = Render<AuditReviewPage>();

        cut.WaitForAssertion(() => Assert.Contains("Broken in 2 places", cut.Find("[data-testid=chain-state]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Equal([("2", "Edited"), ("5", "Deleted")],
            cut.FindAll("[data-testid=chain-breaks] li").Select(li => (li.GetAttribute("data-sequence"), li.GetAttribute("data-kind"))));
    }
}
