using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;
using PharmacyPos.Web.Infrastructure.Security;

namespace PharmacyPos.Tests.EndToEnd;

/// <summary>The app in Chromium with its content security policy on, and the policy's violation reports read from the app's log.</summary>
public sealed class PolicyBrowserFixture : IAsyncLifetime
{
    private PosAppFactory App { get; } = new();
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public ViolationLog Violations { get; } = new();
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _factory = App.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Violations)));
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServers.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>The warnings the report endpoint writes, one per violation.</summary>
    public sealed class ViolationLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Reports { get; } = new();

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(ContentSecurityPolicy).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Reports.Enqueue(formatter(state, exception));

        public void Dispose() { }
    }
}

public class ContentSecurityPolicyEndToEndTests : IClassFixture<PolicyBrowserFixture>
{
    private static readonly string Acetaminophen = DemoCatalog.Products().First(p => p.Name == "Acetaminophen 500 mg tablet, 24 ct").Gtin.Value;
    private static readonly string Bandages = DemoCatalog.Products().First(p => p.Name == "Adhesive Bandages, 30 ct").Gtin.Value;
    private readonly PolicyBrowserFixture _browser;

    public ContentSecurityPolicyEndToEndTests(PolicyBrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task The_register_works_under_the_policy_and_an_injected_inline_script_is_blocked_and_reported()
    {
        var page = await _browser.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text);
        };
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "cashier");
        await page.FillAsync("#password", "Cashier-Demo-1");
        await page.SelectOptionAsync("#register", new SelectOptionValue { Value = "BR-001/R2" });
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=nav-register]");
        await page.WaitForSelectorAsync("[data-testid=register]");
        await RegisterSteps.ScanAsync(page, Acetaminophen);
        await RegisterSteps.ScanAsync(page, Bandages);
        await RegisterSteps.WaitForLinesAsync(page, 2);
        await page.Keyboard.PressAsync("F10");
        await page.WaitForSelectorAsync("[data-testid=payment-dialog]");
        await page.FillAsync("[data-testid=payment-amount] input, input[data-testid=payment-amount]", "100");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=sale-completed]");

        // Nothing the app itself does was refused by the policy.
        Assert.Empty(refused);
        Assert.Empty(_browser.Violations.Reports);

        // A script slipped into the page (as an injection would) does not run, and the browser reports it.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true;'; document.body.appendChild(s); }");
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_browser.Violations.Reports.IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        var report = Assert.Single(_browser.Violations.Reports);
        Assert.Contains("script-src", report, StringComparison.Ordinal);
        Assert.Contains("inline", report, StringComparison.Ordinal);
        Assert.Contains("/counter", report, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
