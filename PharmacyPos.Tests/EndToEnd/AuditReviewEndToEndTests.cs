using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.EndToEnd;

public class AuditReviewEndToEndTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public AuditReviewEndToEndTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task A_pharmacist_sees_the_trail_intact_picks_the_overrides_and_reads_one_before_and_after()
    {
        var factory = _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var branch = await db.Set<Branch>().FirstAsync(b => b.Code == "BR-001");
            var cashier = new AuditActor(Guid.NewGuid(), "cashier", "Cashier", branch.Id, "R2");
            var manager = new AuditActor(Guid.NewGuid(), "manager", "Manager", branch.Id, "R2");
            var at = DateTimeOffset.UtcNow.AddMinutes(-30);
            db.Add(AuditEvent.Record(at, AuditEventTypes.SaleCompleted, cashier, "Sale", "S-1001", after: "{\"total\":\"18.47\"}"));
            db.Add(AuditEvent.Record(at.AddMinutes(1), AuditEventTypes.PriceOverridden, cashier, "SaleLine", "S-1001/2",
                before: "{\"product\":\"Ibuprofen 200 mg, 100 tablets\",\"price\":\"9.99\"}",
                after: "{\"product\":\"Ibuprofen 200 mg, 100 tablets\",\"price\":\"7.49\"}",
                reason: "Matched the shelf label", approvedBy: manager));
            db.Add(AuditEvent.Record(at.AddMinutes(2), AuditEventTypes.SaleVoided, cashier, "Sale", "S-1002",
                before: "{\"status\":\"Open\",\"total\":\"4.29\"}", after: "{\"status\":\"Voided\"}", reason: "Customer left"));
            await db.SaveChangesAsync();
        }

        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "pharmacist", "Pharmacist-Demo-1");
        await page.GotoAsync("/audit");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=audit-table] tbody tr");
        var state = page.Locator("[data-testid=chain-state]");
        await Assertions.Expect(state).ToContainTextAsync("Intact:", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit-review.png"), FullPage = true });

        await page.ClickAsync("[data-testid=view-overrides]");
        var rows = page.Locator("[data-testid=audit-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("PriceOverridden");
        // The export downloads what is shown; its address carries a one-time ticket and no filter.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-csv]"));
        Assert.DoesNotContain("PriceOverridden", download.Url, StringComparison.Ordinal);
        Assert.Contains("?ticket=", download.Url, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(",PriceOverridden,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",SaleVoided,", csv, StringComparison.Ordinal);

        await rows.First.ClickAsync();
        var before = page.Locator("[data-testid=audit-before]");
        await Assertions.Expect(before).ToContainTextAsync("\"price\": \"9.99\"");
        await Assertions.Expect(page.Locator("[data-testid=audit-after]")).ToContainTextAsync("\"price\": \"7.49\"");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit-event.png") });
    }

    [Fact]
    public async Task Looking_up_a_patients_records_is_itself_recorded_as_an_access_to_that_patient()
    {
        var page = await _browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "manager", "Manager-Demo-1");
        await page.GotoAsync("/audit");
        await BrowserFixture.WaitForInteractiveAsync(page);

        var patient = page.Locator("[data-testid=filter-patient] input, input[data-testid=filter-patient]");
        await patient.FillAsync("garcia");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Garcia, Maria')");
        // The server has taken the choice once the field shows it.
        await Assertions.Expect(patient).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Garcia, Maria"));
        await page.ClickAsync("[data-testid=filter-apply]");
        var rows = page.Locator("[data-testid=audit-table] tbody tr");
        // The access just recorded is the first record about this patient.
        await Assertions.Expect(rows.First).ToContainTextAsync("PatientRecordViewed", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit-patient.png") });

        var factory = _browser.App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var maria = await db.Set<PharmacyPos.Domain.Patients.Patient>().SingleAsync(p => p.LastName == "Garcia");
        var access = await db.Set<AuditEvent>().Where(e => e.EventType == AuditEventTypes.PatientRecordViewed && e.PatientId == maria.Id).ToListAsync();
        Assert.Equal("manager", Assert.Single(access).UserName);
    }
}
