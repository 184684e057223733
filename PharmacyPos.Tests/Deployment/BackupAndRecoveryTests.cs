using Npgsql;

namespace PharmacyPos.Tests.Deployment;

/// <summary>
/// backup.sh, restore-database.sh and verify-recovery.sh against a real PostgreSQL
/// (PHARMACYPOS_TEST_POSTGRES, a superuser connection string). Each test makes its own
/// throwaway databases and drops them. The databases have a few generic tables, not the
/// app's schema, so the audit-chain step (which runs the app's 'audit verify') is
/// skipped with --skip-audit-chain; one test proves it is never skipped silently.
/// </summary>
public sealed class BackupAndRecoveryTests : IDisposable
{
    private const string BackupKey = "test-only-backup-key";

    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string _source;
    private readonly string _restored;
    private readonly DirectoryInfo _dumps = Directory.CreateTempSubdirectory("pharmacypos-backups-");

    public BackupAndRecoveryTests()
    {
        var server = Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail("PHARMACYPOS_TEST_POSTGRES is not set: give an Npgsql connection string to a PostgreSQL superuser, such as Host=127.0.0.1;Port=5433;Username=postgres;Password=postgres.");
        }

        _server = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        var suffix = Guid.NewGuid().ToString("N")[..10];
        _source = $"recovery_source_{suffix}";
        _restored = $"recovery_restored_{suffix}";
        Admin($"CREATE DATABASE {_source}", $"CREATE DATABASE {_restored}");
        Execute(_source,
            "CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL)",
            "INSERT INTO products SELECT g, 'Product ' || g, g * 1.25 FROM generate_series(1, 500) g",
            "CREATE TABLE sale_lines (id bigserial PRIMARY KEY, product_id integer REFERENCES products(id), quantity integer NOT NULL)",
            "INSERT INTO sale_lines (product_id, quantity) SELECT 1 + g % 500, 1 + g % 7 FROM generate_series(1, 800) g",
            "CREATE TABLE till_notes (note text)",
            "INSERT INTO till_notes VALUES ('float counted'), ('drawer opened')");
    }

    public void Dispose()
    {
        Admin($"DROP DATABASE IF EXISTS {_source} WITH (FORCE)", $"DROP DATABASE IF EXISTS {_restored} WITH (FORCE)");
        _dumps.Delete(recursive: true);
    }

    [Fact]
    public void Restored_dump_is_verified_complete()
    {
        BackupAndRestore();

        var verify = Verify("--skip-audit-chain");

        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("3 table(s) match", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_is_encrypted()
    {
        var dump = Backup();

        var head = new byte[5];
        using (var file = File.OpenRead(dump))
        {
            file.ReadExactly(head);
        }

        // A plain pg_dump custom-format file starts with "PGDMP".
        Assert.NotEqual("PGDMP"u8.ToArray(), head);
        Assert.True(File.Exists(dump + ".sha256"));
    }

    [Fact]
    public void Changed_row_is_caught_and_its_table_named()
    {
        BackupAndRestore();
        Execute(_restored, "UPDATE products SET price = 0.01 WHERE id = 42");

        var verify = Verify("--skip-audit-chain");

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("table products: checksum", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_rows_are_caught_and_their_table_named()
    {
        BackupAndRestore();
        Execute(_restored, "DELETE FROM sale_lines WHERE id > 790");

        var verify = Verify("--skip-audit-chain");

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("table sale_lines: 800 rows in the source, 790 in the restored database", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_table_is_caught_and_named()
    {
        BackupAndRestore();
        Execute(_restored, "DROP TABLE till_notes");

        var verify = Verify("--skip-audit-chain");

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("table till_notes: in the source, missing from the restored database", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_fails_when_the_audit_chain_step_cannot_run()
    {
        BackupAndRestore();

        var verify = Verify();

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("audit chain step NOT run", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_refuses_a_dump_with_the_wrong_key()
    {
        var dump = Backup();

        var restore = ScriptResult.Run("restore-database.sh", ["--from-dump", dump, "--target", Connection(_restored)],
            new Dictionary<string, string?> { ["PHARMACYPOS_BACKUP_KEY"] = "not-the-key" });

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("could not decrypt", restore.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_refuses_a_damaged_dump()
    {
        var dump = Backup();
        using (var file = File.OpenWrite(dump))
        {
            file.Seek(100, SeekOrigin.Begin);
            file.WriteByte(0x5A);
        }

        var restore = Restore(dump);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("does not match its .sha256", restore.Error, StringComparison.Ordinal);
    }

    private void BackupAndRestore()
    {
        var restore = Restore(Backup());
        Assert.True(restore.ExitCode == 0, restore.All);
    }

    private string Backup()
    {
        var backup = ScriptResult.Run("backup.sh", ["--connection", Connection(_source), "--local", _dumps.FullName], KeyEnvironment());
        Assert.True(backup.ExitCode == 0, backup.All);
        return Assert.Single(Directory.GetFiles(_dumps.FullName, "*.dump.enc"));
    }

    private ScriptResult Restore(string dump) =>
        ScriptResult.Run("restore-database.sh", ["--from-dump", dump, "--target", Connection(_restored)], KeyEnvironment());

    private ScriptResult Verify(params string[] options) =>
        ScriptResult.Run("verify-recovery.sh", ["--source", Connection(_source), "--restored", Connection(_restored), .. options],
            new Dictionary<string, string?> { ["PHARMACYPOS_APP_DLL"] = null });

    private static Dictionary<string, string?> KeyEnvironment() => new() { ["PHARMACYPOS_BACKUP_KEY"] = BackupKey };

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString;

    private void Admin(params string[] statements) => Execute(_server.Database ?? "postgres", statements);

    private void Execute(string database, params string[] statements)
    {
        using var connection = new NpgsqlConnection(Connection(database));
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = new NpgsqlCommand(statement, connection);
            command.ExecuteNonQuery();
        }
    }
}
