using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PharmacyPos.Tests.Persistence;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Audit;

/// <summary>`dotnet PharmacyPos.Web.dll audit verify [--database | --archive]`, run as the operations team runs it.</summary>
public class AuditVerifyCommandTests
{
    private static string[] Command(AuditTrailHost host, params string[] switches)
    {
        var connection = host.Provider == DatabaseProvider.PostgreSql
            ? $"--ConnectionStrings:Pos={host.Database.ConnectionString}"
            : $"--ConnectionStrings:PosSqlite={host.Database.ConnectionString}";
        return ["audit", "verify", .. switches, connection, $"--Storage:LocalPath={host.ArchiveFolder}", "--Demo:Seed=false"];
    }

    private static async Task<AuditTrailHost> ArchivedTrailAsync(DatabaseProvider provider)
    {
        var host = await AuditTrailHost.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Storage:AuditArchive:BlockSize"] = "10",
            ["Storage:AuditArchive:CloseBlockAfter"] = "00:00:00",
        });
        await host.AppendAsync(25);
        await host.ChainAllAsync();
        await host.Services.GetRequiredService<AuditArchiveService>().ArchiveOnceAsync();
        return host;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exits_0_when_the_database_chain_and_the_archive_are_intact(DatabaseProvider provider)
    {
        await using var host = await ArchivedTrailAsync(provider);

        Assert.Equal(0, await PosHost.RunAsync(Command(host)));
        Assert.Equal(0, await PosHost.RunAsync(Command(host, "--database")));
        Assert.Equal(0, await PosHost.RunAsync(Command(host, "--archive")));

        var output = new StringWriter();
        Assert.Equal(0, await AuditVerifyCommand.RunAsync(host.Services, AuditVerifyCommand.Parts.Both, output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Database: intact. 25 records chained, up to record 25", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Archive: intact. 3 blocks, 25 records, up to record 25", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Cross-check: the archive's last record 25 matches the database chain", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lists_every_break_in_the_database_not_only_the_first(DatabaseProvider provider)
    {
        await using var host = await ArchivedTrailAsync(provider);
        await host.TamperSqlAsync("UPDATE audit_events SET user_name = 'someone else' WHERE sequence = 6");
        await host.TamperSqlAsync("DELETE FROM audit_events WHERE sequence = 19");

        var output = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(host.Services, AuditVerifyCommand.Parts.Database, output));

        var text = output.ToString();
        Assert.Contains("Database: BROKEN at record 6 (Edited) and in 1 place after it.", text, StringComparison.Ordinal);
        Assert.Contains("  Record 6 (Edited): The audit trail is broken at record 6", text, StringComparison.Ordinal);
        Assert.Contains("  Record 19 (Deleted): The audit trail is broken at record 19: the record was deleted.", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exits_1_when_a_record_was_edited_in_the_database(DatabaseProvider provider)
    {
        await using var host = await ArchivedTrailAsync(provider);
        await host.TamperSqlAsync("UPDATE audit_events SET user_name = 'someone else' WHERE sequence = 17");

        Assert.Equal(1, await PosHost.RunAsync(Command(host, "--database")));
        // The archive alone is still whole: it was written before the edit.
        Assert.Equal(0, await PosHost.RunAsync(Command(host, "--archive")));

        var output = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(host.Services, AuditVerifyCommand.Parts.Both, output));
        Assert.Contains("Database: BROKEN at record 17 (Edited)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_when_records_were_cut_from_the_end_of_the_database()
    {
        await using var host = await ArchivedTrailAsync(DatabaseProvider.Sqlite);
        // The newest records and their links removed together leave a shorter chain that is whole in itself.
        await host.TamperSqlAsync("DELETE FROM audit_chain_links WHERE sequence > 22; DELETE FROM audit_events WHERE sequence > 22;");
        Assert.True((await host.VerifyAsync()).IsIntact);

        var output = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(host.Services, AuditVerifyCommand.Parts.Both, output));
        Assert.Contains("Cross-check: BROKEN. The archive holds records up to 25, but the database chain ends at 22", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await PosHost.RunAsync(Command(host)));
    }

    [Fact]
    public async Task Exits_2_when_the_database_cannot_be_reached()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Host = "127.0.0.1", Port = 1, Database = "pharmacypos", Timeout = 2 };
        var archive = Directory.CreateTempSubdirectory("pos-archive-").FullName;
        try
        {
            Assert.Equal(2, await PosHost.RunAsync(
                ["audit", "verify", "--database", $"--ConnectionStrings:Pos={nowhere.ConnectionString}", $"--Storage:LocalPath={archive}"]));
        }
        finally
        {
            Directory.Delete(archive, recursive: true);
        }
    }

    [Fact]
    public async Task Exits_2_with_a_clear_message_when_the_database_is_not_migrated()
    {
        var folder = Directory.CreateTempSubdirectory("pos-empty-").FullName;
        try
        {
            var services = new ServiceCollection().AddLogging()
                .AddPersistence(TestDatabase.SettingsFor(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "empty.db")};Pooling=False", folder))
                .BuildServiceProvider();
            await using (services)
            {
                var output = new StringWriter();
                Assert.Equal(2, await AuditVerifyCommand.RunAsync(services, AuditVerifyCommand.Parts.Database, output));
                Assert.Contains("run the migrate command first", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_switch_is_refused()
    {
        Assert.Equal(64, await PosHost.RunAsync(["audit", "check", "--Demo:Seed=false"]));
        await Task.CompletedTask;
    }
}
