using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.TestInfrastructure;

/// <summary>
/// The app on a real port and the system's Chromium driven by Playwright (never a downloaded browser).
/// One per test class; each test opens its own browser context (its own cookies).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Which app a browser context signs in to, so the shared sign-in step can set up its register.</summary>
    private static readonly ConcurrentDictionary<IBrowserContext, BrowserFixture> Apps = new();

    private IPlaywright? _playwright;

    public PosAppFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        BaseUrl = App.StartOnKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServers.Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1024, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        Apps[context] = this;
        context.Close += (_, _) => Apps.TryRemove(context, out BrowserFixture? _);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the form at <paramref name="register"/> of the user's branch (set up as the device's register
    /// first if the branch does not have it, as an admin would), and waits until the Blazor circuit is live (a click
    /// before that does nothing). An empty register signs in for back-office work.
    /// </summary>
    public static async Task SignInAsync(IPage page, string userName, string password, string register = "R1")
    {
        ArgumentNullException.ThrowIfNull(page);
        var choice = register.Length == 0 ? "" : await Apps[page.Context].RegisterAsync(userName, register);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.SelectOptionAsync("#register", new SelectOptionValue { Value = choice });
        await page.ClickAsync("button[type=submit]");
        await WaitForInteractiveAsync(page);
    }

    /// <summary>The register's choice at sign-in ("BR-001/R7"), adding it to the user's branch when missing.</summary>
    private async Task<string> RegisterAsync(string userName, string register)
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<PosDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var branch = await db.Users.AsNoTracking().Where(u => u.UserName == userName)
            .Join(db.Set<Branch>(), u => u.HomeBranchId, b => b.Id, (u, b) => new { b.Id, b.Code }).SingleAsync();
        var code = BranchRegister.NormalizeCode(register);
        if (!await db.Set<BranchRegister>().AnyAsync(r => r.BranchId == branch.Id && r.Code == code))
        {
            db.Add(new BranchRegister(branch.Id, code, $"Register {code}"));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another test of this class set it up at the same moment.
            }
        }
        return $"{branch.Code}/{code}";
    }

    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#pos-root[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
