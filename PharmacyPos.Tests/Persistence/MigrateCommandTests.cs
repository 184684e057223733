using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

/// <summary>`migrate` on a new server: the database is created first, then migrated, with no connection error in the log.</summary>
public class MigrateCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_creates_a_missing_database_without_connection_errors(DatabaseProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("pos-migrate-").FullName;
        var name = $"pos_new_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var connection = provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false }.ConnectionString
            : $"Data Source={Path.Combine(folder, "new.db")};Pooling=False";
        var log = new CapturedLog();
        try
        {
            await using (var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(log))
                .AddPersistence(TestDatabase.SettingsFor(provider, connection, folder))
                .BuildServiceProvider())
            {
                var migrator = services.GetRequiredService<DatabaseMigrator>();
                await migrator.MigrateAsync(CancellationToken.None);

                Assert.Empty(await migrator.PendingAsync(CancellationToken.None));
            }

            // The database is created before EF opens a connection to it, so no "An error occurred using the connection".
            var problems = string.Join("\n", log.Entries
                .Where(e => e.Level >= LogLevel.Warning && e.Category.EndsWith("Database.Connection", StringComparison.Ordinal))
                .Select(e => $"{e.Level} {e.Category}: {e.Message}"));
            Assert.True(problems.Length == 0, problems);
            Assert.Contains(log.Entries, e => e.Message.StartsWith("Applying", StringComparison.Ordinal));
        }
        finally
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Expand_stops_before_the_first_contract_step_and_contract_applies_the_rest()
    {
        string[] pending = ["1_AddNote", "2_DropLegacyCode", "3_AddIndex"];

        Assert.Equal(["1_AddNote"], DatabaseMigrator.ExpandSteps(pending, id => id.Contains("Drop", StringComparison.Ordinal)));
        Assert.Equal(pending, DatabaseMigrator.ExpandSteps(pending, _ => false));
        Assert.Empty(DatabaseMigrator.ExpandSteps(["2_DropLegacyCode"], _ => true));
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
