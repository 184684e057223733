using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Catalog.Scanning;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

// How long a scan takes at the counter before the line appears: interpreting what the scanner typed,
// then finding the product by barcode. Prints throughput and latency percentiles; asserts nothing.
// Usage: dotnet run -c Release --project bench/Scan.Bench [-- "<PostgreSQL connection string>"]
var connection = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("PHARMACYPOS_BENCH_POSTGRES");
var products = DemoCatalog.Products();
var inputs = products.Select(p => p.Gtin.UpcA ?? p.Gtin.Value)
    .Concat(products.Take(50).Select(p => $"]d201{p.Gtin.Value}17301231" + "10LOT42\u001d21SERIAL1"))
    .Concat(["ibuprofen 200", "036000291453", "S2026112612000012345"])
    .ToArray();

const int InterpretRounds = 200_000;
var options = new Gs1ReadOptions(new DateOnly(2026, 11, 26));
var stopwatch = Stopwatch.StartNew();
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
var products_found = 0;
for (var i = 0; i < InterpretRounds; i++)
{
    if (ScannedCode.Interpret(inputs[i % inputs.Length], options).Kind == ScannedCodeKind.Product) products_found++;
}
stopwatch.Stop();
var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
Console.WriteLine($"Interpret: {InterpretRounds:N0} scans in {stopwatch.Elapsed.TotalMilliseconds:N0} ms = {InterpretRounds / stopwatch.Elapsed.TotalSeconds:N0} scans/s, {allocated / InterpretRounds:N0} bytes allocated per scan ({products_found:N0} products)");

if (connection is null)
{
    Console.WriteLine("Product look-up: skipped (pass a PostgreSQL connection string or set PHARMACYPOS_BENCH_POSTGRES).");
    return;
}

var settings = new PosSettings { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection, DataFolder = Path.GetTempPath(), MigrateOnStart = true };
await using var services = new ServiceCollection().AddLogging().AddPersistence(settings).BuildServiceProvider();
await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
var factory = services.GetRequiredService<IDbContextFactory<PosDbContext>>();
await using (var db = await factory.CreateDbContextAsync())
{
    if (!await db.Set<Product>().AnyAsync())
    {
        db.AddRange(products);
        await db.SaveChangesAsync();
    }
}

foreach (var registers in new[] { 1, 8, 32 })
{
    const int ScansPerRegister = 500;
    var latencies = new List<double>[registers];
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, registers).Select(async r =>
    {
        latencies[r] = new List<double>(ScansPerRegister);
        for (var i = 0; i < ScansPerRegister; i++)
        {
            var code = ScannedCode.Interpret(inputs[(r * 7919 + i) % products.Count], options);
            var t = Stopwatch.GetTimestamp();
            await using var db = await factory.CreateDbContextAsync();
            var gtin = code.Gtin!.Value;
            _ = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Gtin == gtin);
            latencies[r].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
    }));
    wall.Stop();
    var all = latencies.SelectMany(l => l).Order().ToArray();
    Console.WriteLine($"Look-up by barcode, {registers,2} registers: {all.Length / wall.Elapsed.TotalSeconds,8:N0} scans/s, p50 {all[all.Length / 2]:N2} ms, p95 {all[(int)(all.Length * 0.95)]:N2} ms, p99 {all[(int)(all.Length * 0.99)]:N2} ms");
}
