using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace PharmacyPos.Web.Infrastructure.Persistence;

/// <summary>Used by `dotnet ef migrations add ... --context NpgsqlPosDbContext`; no server is contacted.</summary>
internal sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlPosDbContext>
{
    public NpgsqlPosDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NpgsqlPosDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureNpgsql(options,
            new NpgsqlDataSourceBuilder("Host=localhost;Database=pharmacypos").Build());
        return new NpgsqlPosDbContext(options.Options);
    }
}

/// <summary>Used by `dotnet ef migrations add ... --context SqlitePosDbContext`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePosDbContext>
{
    public SqlitePosDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlitePosDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design.db");
        return new SqlitePosDbContext(options.Options);
    }
}
