using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

// What one live register costs the server: each register holds one Blazor circuit (and its WebSocket)
// for the whole shift. Opens N registers in headless Chromium (signed in, on the register page, one item
// in the cart), then prints the server's managed heap and working set per circuit. Asserts nothing.
// Usage: dotnet run -c Release --project bench/Circuits.Bench [-- 10 25 50]
var counts = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10, 25, 50];
var chromium = Environment.GetEnvironmentVariable("PHARMACYPOS_CHROMIUM") ?? "/usr/bin/chromium";

await using var app = new BenchApp();
var baseUrl = app.Start();
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

// Warm up: the first register pays for JIT, caches and the demo data in memory.
var open = new List<IBrowserContext> { await OpenRegisterAsync(browser, baseUrl, 0) };
var (heap0, ws0) = Measure();
Console.WriteLine($"Baseline with 1 register: managed heap {heap0 / 1048576.0:N1} MiB, working set {ws0 / 1048576.0:N1} MiB");
foreach (var target in counts)
{
    var watch = Stopwatch.StartNew();
    while (open.Count < target)
        open.Add(await OpenRegisterAsync(browser, baseUrl, open.Count));
    var (heap, ws) = Measure();
    var extra = open.Count - 1;
    Console.WriteLine($"{open.Count,4} registers: heap {heap / 1048576.0,7:N1} MiB ({(heap - heap0) / 1024.0 / extra,7:N0} KiB per circuit), " +
        $"working set {ws / 1048576.0,7:N1} MiB ({(ws - ws0) / 1024.0 / extra,7:N0} KiB per circuit), opened in {watch.Elapsed.TotalSeconds:N1} s");
}
foreach (var context in open)
    await context.CloseAsync();

static (long Heap, long WorkingSet) Measure()
{
    for (var i = 0; i < 3; i++)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
    using var process = Process.GetCurrentProcess();
    return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
}

static async Task<IBrowserContext> OpenRegisterAsync(IBrowser browser, string baseUrl, int index)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
    context.SetDefaultTimeout(60_000);
    var page = await context.NewPageAsync();
    await page.GotoAsync("/account/login");
    await page.FillAsync("#username", "cashier");
    await page.FillAsync("#password", "Cashier-Demo-1");
    await page.FillAsync("#register", $"B{index}");
    await page.ClickAsync("button[type=submit]");
    await page.GotoAsync("/counter");
    await page.WaitForSelectorAsync("#pos-root[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    await page.Keyboard.TypeAsync("ibuprofen 200");
    await page.Keyboard.PressAsync("Enter");
    await page.WaitForTimeoutAsync(300);
    return context;
}

internal sealed class BenchApp : WebApplicationFactory<PharmacyPos.Web.Infrastructure.Configuration.PosSettings>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pos-bench-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:PosSqlite", $"Data Source={Path.Combine(_folder, "pos.db")}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Storage:LocalPath", Path.Combine(_folder, "archive"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public string Start()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }
}
