using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

// How fast sales commit: the whole checkout transaction (stock FEFO with conditional decrements, sale, lines,
// tenders, lots taken, commit steps, audit records) with 1, 8 and 32 registers at once, first across the catalog,
// then all registers selling the same item (one hot lot). Prints sales/second and latency percentiles; asserts nothing.
// Usage: dotnet run -c Release --project bench/Checkout.Bench -- "<PostgreSQL server connection string>" [sales per register]
var server = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("PHARMACYPOS_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Pass a PostgreSQL connection string (a database is created and dropped) or set PHARMACYPOS_BENCH_POSTGRES.");
var salesPerRegister = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;

var database = $"pos_bench_checkout_{Guid.NewGuid():N}";
await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
try
{
    var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
    var settings = new PosSettings { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection, DataFolder = Path.GetTempPath(), MigrateOnStart = true };
    var services = new ServiceCollection().AddLogging().AddPersistence(settings);
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton<IPaymentTerminal, SimulatedPaymentTerminal>();
    services.AddStaffIdentity();
    services.AddFeatures();
    await using var app = services.BuildServiceProvider();
    await app.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

    var now = DateTimeOffset.UtcNow;
    var branch = new Branch("BR-B", "Bench Pharmacy", "1 Bench Road, Austin, TX 78701", "TX", "America/Chicago");
    branch.SetTaxRate(TaxClass.Standard, Percentage.Of(8.25m));
    // Plain OTC items and merchandise: no pharmacy rule asks for evidence.
    var products = DemoCatalog.Products().Where(p => !p.RxOnly && p.MinimumAge is null && p.ListedChemical is null && !p.Schedule.IsControlled()).Take(60).ToList();
    var today = branch.LocalDate(now);
    await using (var db = app.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PosDbContext>>().CreateDbContext())
    {
        db.Add(branch);
        db.AddRange(products);
        foreach (var product in products)
        {
            db.Add(new StockLot(branch.Id, product.Id, "NEAR" + product.Gtin.Value[^6..], today.AddDays(30), 1_000));
            db.Add(new StockLot(branch.Id, product.Id, "FAR" + product.Gtin.Value[^6..], today.AddDays(400), 1_000_000));
        }
        await db.SaveChangesAsync();
    }

    var checkout = app.GetRequiredService<CheckoutHandler>();
    var cashier = new AuditActor(Guid.CreateVersion7(), "bench", "Cashier", branch.Id, "R1");
    Console.WriteLine($"Checkout on PostgreSQL, {salesPerRegister} sales per register, 3 lines per sale (cash).");
    foreach (var hot in new[] { false, true })
    {
        foreach (var registers in new[] { 1, 8, 32 })
        {
            var latencies = new List<double>[registers];
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, registers).Select(r => Task.Run(async () =>
            {
                var random = new Random(r);
                latencies[r] = new List<double>(salesPerRegister);
                for (var i = 0; i < salesPerRegister; i++)
                {
                    var sale = new Sale(Guid.CreateVersion7(), SaleNumbers.New(branch, DateTimeOffset.UtcNow), branch.Id, $"R{r + 1}", cashier.UserId!.Value, now);
                    for (var line = 0; line < 3; line++)
                        sale.AddLine(hot ? products[0] : products[random.Next(products.Count)], 1 + random.Next(2), branch);
                    sale.ApplyPromotions(PricingEngine.WithoutPromotions, now);
                    sale.AddCashTender(sale.Total.Amount + 1m);
                    var cart = CartSnapshot.Of(sale) with { PricedAt = now };
                    var one = Stopwatch.StartNew();
                    await checkout.CompleteAsync(cart, cashier);
                    latencies[r].Add(one.Elapsed.TotalMilliseconds);
                }
            })));
            wall.Stop();
            var all = latencies.SelectMany(l => l).Order().ToList();
            Console.WriteLine($"{(hot ? "one hot item " : "whole catalog")} {registers,2} registers: {all.Count,5} sales in {wall.Elapsed.TotalSeconds,6:N2} s = {all.Count / wall.Elapsed.TotalSeconds,7:N1} sales/s, " +
                $"p50 {Percentile(all, 0.50),6:N1} ms, p95 {Percentile(all, 0.95),6:N1} ms, max {all[^1],6:N1} ms");
        }
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static async Task ExecuteAsync(string server, string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
