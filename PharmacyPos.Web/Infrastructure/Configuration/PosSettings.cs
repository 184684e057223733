using System.Data.Common;
using Npgsql;
using PharmacyPos.Web.Infrastructure.Persistence;
using StackExchange.Redis;

namespace PharmacyPos.Web.Infrastructure.Configuration;

/// <summary>
/// Everything the app reads from configuration at start, validated once. With nothing configured
/// the app runs on the embedded default: SQLite, an in-memory cache and a local archive folder.
/// </summary>
public sealed record PosSettings
{
    public const string PrimaryConnection = "ConnectionStrings:Pos";
    public const string ReplicaConnection = "ConnectionStrings:PosReadReplica";
    public const string SqliteConnection = "ConnectionStrings:PosSqlite";
    public const string RedisConnection = "ConnectionStrings:Redis";
    public const string MigrateOnStartSetting = "Database:MigrateOnStart";
    public const string EntraAuthenticationSetting = "Database:EntraAuthentication";
    public const string DemoSeedSetting = "Demo:Seed";
    public const string AppInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string SimulatedCardTerminalSetting = "Payments:AllowSimulatedTerminal";

    public required DatabaseProvider Provider { get; init; }
    public required string ConnectionString { get; init; }
    public string? ReplicaConnectionString { get; init; }
    public bool EntraAuthentication { get; init; }
    public bool MigrateOnStart { get; init; }
    public string? RedisConfiguration { get; init; }
    public bool SeedDemoData { get; init; }
    public string? ApplicationInsightsConnectionString { get; init; }
    /// <summary>The simulated card terminal may serve the registers (it approves without taking money).</summary>
    public bool SimulatedCardTerminal { get; init; }
    public required string DataFolder { get; init; }

    /// <param name="servesRegisters">False for the one-shot commands (migrate, audit verify), which take no payment:
    /// the card terminal's settings do not stop them.</param>
    public static PosSettings Load(IConfiguration configuration, string contentRoot, bool isDevelopment, bool isProduction,
        bool servesRegisters = true)
    {
        var dataFolder = Path.Combine(contentRoot, "App_Data");
        var primary = Optional(configuration, PrimaryConnection);
        var replica = Optional(configuration, ReplicaConnection);
        var provider = primary is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

        string connection;
        if (primary is null)
        {
            if (replica is not null)
                throw new PosConfigurationException(ReplicaConnection, $"is set but '{PrimaryConnection}' is not: a read replica needs its primary.");
            connection = Optional(configuration, SqliteConnection) ?? $"Data Source={Path.Combine(dataFolder, "pharmacypos.db")}";
            ValidateSqlite(connection);
        }
        else
        {
            connection = ValidatePostgres(primary, PrimaryConnection);
            if (replica is not null)
                replica = ValidatePostgres(replica, ReplicaConnection);
        }

        var redis = Optional(configuration, RedisConnection);
        if (redis is not null)
        {
            try
            {
                _ = ConfigurationOptions.Parse(redis);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or RedisConnectionException)
            {
                throw new PosConfigurationException(RedisConnection, $"is not a valid Redis configuration string: {ex.Message}");
            }
        }

        var appInsights = Optional(configuration, AppInsightsSetting) ?? Optional(configuration, "ApplicationInsights:ConnectionString");
        if (appInsights is not null && !appInsights.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
            throw new PosConfigurationException(AppInsightsSetting, "is not an Application Insights connection string (it has no InstrumentationKey=).");

        var seed = Bool(configuration, DemoSeedSetting, defaultValue: provider == DatabaseProvider.Sqlite || isDevelopment);
        if (seed && isProduction)
            throw new PosConfigurationException(DemoSeedSetting, "is on in Production: demo data is never seeded into a production database.");

        // The simulated terminal approves every card without charging anyone: a production register that used it
        // would hand goods over for nothing. Production runs it only when an operator says so in so many words.
        var simulatedTerminal = Bool(configuration, SimulatedCardTerminalSetting, defaultValue: !isProduction);
        if (!simulatedTerminal && servesRegisters)
            throw new PosConfigurationException(SimulatedCardTerminalSetting, isProduction
                ? "is not true in Production, and the only card terminal is the simulated one, which approves cards without charging them. Connect a real terminal, or set it to true to run Production with the simulated terminal on purpose."
                : "is false, and the only card terminal is the simulated one. Set it to true or remove it.");

        var entra = Bool(configuration, EntraAuthenticationSetting, defaultValue: provider == DatabaseProvider.PostgreSql
            && !new NpgsqlConnectionStringBuilder(connection).Password.HasValue()
            && (new NpgsqlConnectionStringBuilder(connection).Host ?? "").EndsWith(".postgres.database.azure.com", StringComparison.OrdinalIgnoreCase));

        return new PosSettings
        {
            Provider = provider,
            ConnectionString = connection,
            ReplicaConnectionString = replica,
            EntraAuthentication = entra,
            // The embedded database is the demo: it always migrates. PostgreSQL migrates at start only when asked
            // (development), never in a slot deployment: production runs `migrate` as its own step.
            MigrateOnStart = Bool(configuration, MigrateOnStartSetting, defaultValue: isDevelopment) || provider == DatabaseProvider.Sqlite,
            RedisConfiguration = redis,
            SeedDemoData = seed,
            ApplicationInsightsConnectionString = appInsights,
            SimulatedCardTerminal = simulatedTerminal,
            DataFolder = dataFolder,
        };
    }

    private static string? Optional(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static bool Bool(IConfiguration configuration, string key, bool defaultValue)
    {
        var value = Optional(configuration, key);
        if (value is null) return defaultValue;
        return bool.TryParse(value, out var b)
            ? b
            : throw new PosConfigurationException(key, $"must be true or false, not \"{value}\".");
    }

    private static string ValidatePostgres(string value, string key)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new PosConfigurationException(key, "has no Host.");
            if (string.IsNullOrWhiteSpace(builder.Database))
                builder.Database = "pharmacypos";
            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new PosConfigurationException(key, $"is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }

    private static void ValidateSqlite(string value)
    {
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = value };
        }
        catch (ArgumentException ex)
        {
            throw new PosConfigurationException(SqliteConnection, $"is not a valid SQLite connection string: {ex.Message}");
        }
    }
}

internal static class StringExtensions
{
    public static bool HasValue(this string? s) => !string.IsNullOrEmpty(s);
}
