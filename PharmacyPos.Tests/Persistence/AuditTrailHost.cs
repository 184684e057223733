using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Persistence;

/// <summary>
/// The audit trail's services as the app wires them (AddPersistence, AddStorage, AddAuditTrail) on a
/// fresh database of either provider, without the web host: the background services are not started,
/// tests drive the chainer and the archive themselves.
/// </summary>
public sealed class AuditTrailHost : IAsyncDisposable
{
    public static readonly Guid Branch = Guid.Parse("0193a5e0-0000-7000-8000-000000000001");
    public static readonly AuditActor Pharmacist = new(Guid.Parse("0193a5e0-0000-7000-8000-0000000000aa"), "pharmacist", "Pharmacist", Branch, "R1");

    private readonly string _folder;

    private AuditTrailHost(TestDatabase database, ServiceProvider services, string folder)
    {
        _folder = folder;
        Database = database;
        Services = services;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public IAuditTrail Trail => Services.GetRequiredService<IAuditTrail>();
    public AuditChainer Chainer => Services.GetRequiredService<AuditChainer>();
    public DatabaseProvider Provider => Database.Provider;
    public string ArchiveFolder => _folder;

    public static async Task<AuditTrailHost> CreateAsync(
        DatabaseProvider provider, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("pos-audit-archive-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:LocalPath"] = folder })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration);
        if (time is not null) services.AddSingleton(time);
        services.AddPersistence(database.Settings);
        services.AddStorage(configuration, folder);
        services.AddAuditTrail();
        return new AuditTrailHost(database, services.BuildServiceProvider(), folder);
    }

    /// <summary>Writes records through the trail, each in its own unit of work, with varied content.</summary>
    public async Task AppendAsync(int count, string note = "test")
    {
        for (var i = 0; i < count; i++)
            await Trail.RecordAsync(Pharmacist, Entry(i, note));
    }

    public static AuditEntry Entry(int i, string note) => (i % 3) switch
    {
        0 => new AuditEntry(AuditEventTypes.SaleVoided, "Sale", $"S-{i}") { Reason = $"{note} {i}: customer changed mind", Before = $"{{\"total\":\"{i}.00\"}}" },
        1 => new AuditEntry(AuditEventTypes.PriceOverridden, "SaleLine", $"L-{i}") { Reason = $"{note} {i}", Before = "{\"price\":\"4.99\"}", After = "{\"price\":\"3.99\"}" },
        _ => new AuditEntry(AuditEventTypes.SignIn, "StaffUser", Pharmacist.UserId.ToString()),
    };

    /// <summary>Runs one pass of the chainer: with no transaction open, it chains everything saved.</summary>
    public Task<int> ChainAllAsync() => Chainer.ChainOnceAsync();

    public Task<AuditVerificationResult> VerifyAsync() =>
        AuditReads.VerifyDatabaseAsync(ct => Database.Factory.CreateDbContextAsync(ct));

    /// <summary>
    /// Changes the trail behind the app's back, as a malicious database administrator would: with the
    /// append-only triggers switched off (PostgreSQL, as the superuser) or dropped (SQLite).
    /// </summary>
    public async Task TamperAsync(Func<PosDbContext, Task> change)
    {
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.PostgreSql
                ? "ALTER TABLE audit_events DISABLE TRIGGER USER; ALTER TABLE audit_chain_links DISABLE TRIGGER USER;"
                : "DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete; "
                  + "DROP TRIGGER IF EXISTS audit_chain_links_no_update; DROP TRIGGER IF EXISTS audit_chain_links_no_delete;");
        }
        await using (var db = Database.CreateDbContext())
            await change(db);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using var db = Database.CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events ENABLE TRIGGER USER; ALTER TABLE audit_chain_links ENABLE TRIGGER USER;");
        }
    }

    public Task TamperSqlAsync(string sql) => TamperAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException) { }
    }
}
