using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Persistence;

// Measures appending to the audit trail on PostgreSQL while the chainer runs: appends per second and
// latency with 1, 8 and 32 registers writing at once; then the chainer's and the verifier's throughput
// on a backlog. Usage: PHARMACYPOS_BENCH_POSTGRES="Host=...;Username=...;Password=..." dotnet run -c Release
// [-- --seconds 10 --backlog 100000]. A throwaway database is created and dropped.

var server = Environment.GetEnvironmentVariable("PHARMACYPOS_BENCH_POSTGRES")
    ?? Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set PHARMACYPOS_BENCH_POSTGRES to a PostgreSQL server (a user that may create databases).");
var seconds = Option("--seconds", 10);
var backlog = Option("--backlog", 100_000);
int[] writerCounts = [1, 8, 32];

var name = $"pos_bench_{Guid.NewGuid():N}";
await Admin($"CREATE DATABASE \"{name}\"");
try
{
    var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 64 }.ConnectionString;
    var settings = new PosSettings { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection, DataFolder = Path.GetTempPath() };
    await using var services = new ServiceCollection()
        .AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
        .AddPersistence(settings)
        .AddAuditTrail()
        .BuildServiceProvider();
    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    var trail = services.GetRequiredService<IAuditTrail>();
    var chainer = services.GetRequiredService<AuditChainer>();
    var factory = services.GetRequiredService<IDbContextFactory<PosDbContext>>();
    var actor = new AuditActor(Guid.NewGuid(), "bench", "Cashier", Guid.NewGuid(), "R1");

    await using (var db = await factory.CreateDbContextAsync())
    {
        var fsync = await db.Database.SqlQueryRaw<string>("SELECT current_setting('fsync') AS \"Value\"").SingleAsync();
        var commit = await db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync();
        Console.WriteLine($"PostgreSQL with fsync={fsync}, synchronous_commit={commit}; {Environment.ProcessorCount} cores; {seconds} s per run; chainer every 1 s, sealing up to the commit horizon.");
    }

    // Warm up connections and compiled queries.
    for (var i = 0; i < 50; i++) await trail.RecordAsync(actor, Entry(i));

    using var stopChainer = new CancellationTokenSource();
    await chainer.StartAsync(stopChainer.Token);
    Console.WriteLine();
    Console.WriteLine("| registers | appends | appends/s | p50 ms | p95 ms | p99 ms | chained during run | waiting at end |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var writers in writerCounts)
    {
        var linksBefore = chainer.LinksWritten;
        var latencies = new List<double>[writers];
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(50_000);
            var one = new Stopwatch();
            for (var i = 0; clock.Elapsed < until; i++)
            {
                one.Restart();
                await trail.RecordAsync(actor, Entry(i));
                mine.Add(one.Elapsed.TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var chained = chainer.LinksWritten - linksBefore;
        var pending = await Pending();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {writers} | {all.Length:N0} | {all.Length / elapsed:N0} | {Percentile(all, 0.50):F2} | {Percentile(all, 0.95):F2} | {Percentile(all, 0.99):F2} | {chained:N0} | {pending:N0} |"));
        // Let the chainer catch up before the next run, so each run starts from the same state.
        while (await Pending() > 0) await Task.Delay(250);
    }
    await stopChainer.CancelAsync();
    await chainer.StopAsync(CancellationToken.None);

    // A backlog, as after an outage of the chainer: how fast is it sealed, and how fast is it checked?
    await using (var db = await factory.CreateDbContextAsync())
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var done = 0; done < backlog; done += 10_000)
        {
            db.ChangeTracker.Clear();
            for (var i = 0; i < Math.Min(10_000, backlog - done); i++) db.Add(AuditEvent.Record(at, AuditEventTypes.SaleCompleted, actor, "Sale", $"S-{done + i}", after: "{\"total\":\"12.34\"}"));
            await db.SaveChangesAsync();
        }
    }
    var chainClock = Stopwatch.StartNew();
    var sealedCount = await chainer.ChainOnceAsync();
    var chainSeconds = chainClock.Elapsed.TotalSeconds;

    GC.Collect();
    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    var verifyClock = Stopwatch.StartNew();
    var peak = 0L;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            await Task.Delay(20);
        }
    });
    var verdict = await AuditReads.VerifyDatabaseAsync(ct => factory.CreateDbContextAsync(ct));
    var verifySeconds = verifyClock.Elapsed.TotalSeconds;
    await sampling.CancelAsync();
    await sampler;

    Console.WriteLine();
    Console.WriteLine("| backlog step | records | seconds | records/s |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| chainer seals a backlog | {sealedCount:N0} | {chainSeconds:F2} | {sealedCount / chainSeconds:N0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| verifier walks the whole chain | {verdict.VerifiedCount:N0} | {verifySeconds:F2} | {verdict.VerifiedCount / verifySeconds:N0} |"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Verifier: {(verdict.IsIntact ? "intact" : verdict.Message)}; managed heap {heapBefore / 1048576.0:F1} MiB before, at most {peak / 1048576.0:F1} MiB during the walk."));

    async Task<long> Pending()
    {
        await using var db = await factory.CreateDbContextAsync();
        var head = await db.Set<AuditChainLink>().MaxAsync(l => (long?)l.Sequence) ?? 0;
        return await db.Set<AuditEvent>().LongCountAsync(e => e.Sequence > head);
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
}

static AuditEntry Entry(int i) => (i % 4) switch
{
    0 => new AuditEntry(AuditEventTypes.SaleCompleted, "Sale", $"S-{i}") { After = "{\"total\":\"23.45\",\"lines\":3}" },
    1 => new AuditEntry(AuditEventTypes.PriceOverridden, "SaleLine", $"L-{i}") { Reason = "Matched the shelf label", Before = "{\"price\":\"4.99\"}", After = "{\"price\":\"3.99\"}" },
    2 => new AuditEntry(AuditEventTypes.ListedChemicalSold, "Sale", $"S-{i}") { DeaSchedule = null, After = "{\"grams\":2.4}" },
    _ => new AuditEntry(AuditEventTypes.SignIn, "StaffUser", null),
};

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

int Option(string flag, int fallback)
{
    var index = Array.IndexOf(args, flag);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

async Task Admin(string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
