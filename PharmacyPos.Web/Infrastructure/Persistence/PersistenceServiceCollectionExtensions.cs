using Azure.Core;
using Azure.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PharmacyPos.Web.Infrastructure.Configuration;

namespace PharmacyPos.Web.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    private const string MigrationsHistoryTable = "__ef_migrations_history";

    public static IServiceCollection AddPersistence(this IServiceCollection services, PosSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var primary = BuildDataSource(settings.ConnectionString, settings.EntraAuthentication);
                services.AddDbContextFactory<NpgsqlPosDbContext>(o => ConfigureNpgsql(o, primary));
                services.AddSingleton<IDbContextFactory<PosDbContext>>(sp =>
                    new UpcastFactory<NpgsqlPosDbContext>(sp.GetRequiredService<IDbContextFactory<NpgsqlPosDbContext>>()));
                var replica = settings.ReplicaConnectionString is { } r ? BuildDataSource(r, settings.EntraAuthentication) : primary;
                services.AddSingleton<IReadReplicaDbContextFactory>(new ReadReplicaDbContextFactory(() =>
                {
                    var o = new DbContextOptionsBuilder<NpgsqlPosDbContext>();
                    ConfigureNpgsql(o, replica);
                    o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
                    return new NpgsqlPosDbContext(o.Options);
                }));
                break;
            case DatabaseProvider.Sqlite:
                Directory.CreateDirectory(settings.DataFolder);
                services.AddDbContextFactory<SqlitePosDbContext>(o => ConfigureSqlite(o, settings.ConnectionString));
                services.AddSingleton<IDbContextFactory<PosDbContext>>(sp =>
                    new UpcastFactory<SqlitePosDbContext>(sp.GetRequiredService<IDbContextFactory<SqlitePosDbContext>>()));
                services.AddSingleton<IReadReplicaDbContextFactory>(new ReadReplicaDbContextFactory(() =>
                {
                    var o = new DbContextOptionsBuilder<SqlitePosDbContext>();
                    ConfigureSqlite(o, settings.ConnectionString);
                    o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
                    return new SqlitePosDbContext(o.Options);
                }));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider.");
        }

        // Identity's stores want a scoped context; it lives for one request (sign-in is a plain HTTP post).
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PosDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    public static void ConfigureNpgsql(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql =>
            {
                npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
                npgsql.EnableRetryOnFailure(maxRetryCount: 3);
            })
            .UseSnakeCaseNamingConvention();

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new SqlitePragmaInterceptor());

    public static NpgsqlDataSource BuildDataSource(string connectionString, bool entraAuthentication)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (entraAuthentication)
        {
            // Managed identity: the password is a Microsoft Entra token, refreshed before it expires.
            var credential = new DefaultAzureCredential();
            var context = new TokenRequestContext(["https://ossrdbms-aad.database.windows.net/.default"]);
            builder.UsePeriodicPasswordProvider(
                async (_, ct) => (await credential.GetTokenAsync(context, ct)).Token,
                TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
        }
        return builder.Build();
    }

    private sealed class UpcastFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PosDbContext>
        where TContext : PosDbContext
    {
        public PosDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Contexts on the read replica for reports and searches that may lag the primary by seconds. Never write through them.</summary>
public interface IReadReplicaDbContextFactory
{
    PosDbContext CreateDbContext();
}

internal sealed class ReadReplicaDbContextFactory(Func<PosDbContext> create) : IReadReplicaDbContextFactory
{
    public PosDbContext CreateDbContext() => create();
}
