using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.TestInfrastructure;

/// <summary>
/// A fresh, migrated database of either provider for one test, made by the app's own wiring
/// (AddPersistence) and the real migrations. PostgreSQL databases are cloned from a migrated
/// template; SQLite files are copied from a migrated template file. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _postgresTemplate;
    private static string? _sqliteTemplate;

    private readonly ServiceProvider _services;
    private readonly Func<Task> _drop;

    private TestDatabase(PosSettings settings, Func<Task> drop)
    {
        Settings = settings;
        _drop = drop;
        _services = new ServiceCollection().AddLogging().AddPersistence(settings).BuildServiceProvider();
        Factory = _services.GetRequiredService<IDbContextFactory<PosDbContext>>();
    }

    public PosSettings Settings { get; }
    public DatabaseProvider Provider => Settings.Provider;
    public string ConnectionString => Settings.ConnectionString;
    public IDbContextFactory<PosDbContext> Factory { get; }

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    public PosDbContext CreateDbContext() => Factory.CreateDbContext();

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => await CreateSqliteAsync(),
        DatabaseProvider.PostgreSql => await CreatePostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static PosSettings SettingsFor(DatabaseProvider provider, string connectionString, string dataFolder) => new()
    {
        Provider = provider,
        ConnectionString = connectionString,
        DataFolder = dataFolder,
        MigrateOnStart = true,
    };

    private static async Task<TestDatabase> CreateSqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("pos-sqlite-").FullName;
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is null)
            {
                var templateFolder = Directory.CreateTempSubdirectory("pos-sqlite-template-").FullName;
                var path = Path.Combine(templateFolder, "template.db");
                await MigrateAsync(SettingsFor(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False", templateFolder));
                _sqliteTemplate = path;
            }
        }
        finally
        {
            TemplateLock.Release();
        }
        var file = Path.Combine(folder, "pos.db");
        File.Copy(_sqliteTemplate, file);
        var settings = SettingsFor(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", folder);
        return new TestDatabase(settings, () =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplate is null)
            {
                var template = $"pos_template_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE DATABASE \"{template}\"");
                var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = template, Pooling = false };
                await MigrateAsync(SettingsFor(DatabaseProvider.PostgreSql, connection.ConnectionString, Path.GetTempPath()));
                _postgresTemplate = template;
            }
        }
        finally
        {
            TemplateLock.Release();
        }
        var name = $"pos_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{_postgresTemplate}\"");
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, MaxPoolSize = 50 };
        var settings = SettingsFor(DatabaseProvider.PostgreSql, builder.ConnectionString, Path.GetTempPath());
        return new TestDatabase(settings, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task MigrateAsync(PosSettings settings)
    {
        await using var services = new ServiceCollection().AddLogging().AddPersistence(settings).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    private static async Task ExecuteAsync(NpgsqlConnectionStringBuilder server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _drop();
    }
}
