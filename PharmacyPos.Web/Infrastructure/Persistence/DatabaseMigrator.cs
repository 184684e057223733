using Microsoft.EntityFrameworkCore;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace PharmacyPos.Web.Infrastructure.Persistence;

/// <summary>Applies the provider's migrations. Production calls it only through the `migrate` command.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<PosDbContext> factory, ILogger<DatabaseMigrator> logger)
{
    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(MigrationPhase.All, cancellationToken);

    public async Task MigrateAsync(MigrationPhase phase, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await CreateDatabaseIfMissingAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        var apply = phase == MigrationPhase.Expand
            ? ExpandSteps(pending, id => migrations.TryGetValue(id, out var type) && type.GetCustomAttribute<ContractStepAttribute>() is not null)
            : pending;
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date.");
            return;
        }
        if (apply.Count == 0)
        {
            logger.LogInformation("No expand step pending; {Count} contract step(s) wait for `migrate contract` after the swap.", pending.Count);
            return;
        }
        logger.LogInformation("Applying {Count} migration(s): {Migrations}", apply.Count, string.Join(", ", apply));
        await db.GetService<IMigrator>().MigrateAsync(apply[^1], cancellationToken: cancellationToken);
        if (apply.Count < pending.Count)
            logger.LogInformation("{Count} contract step(s) wait for `migrate contract` after the swap: {Migrations}",
                pending.Count - apply.Count, string.Join(", ", pending.Skip(apply.Count)));
    }

    /// <summary>The pending migrations before the first contract step, in order.</summary>
    public static IReadOnlyList<string> ExpandSteps(IReadOnlyList<string> pending, Func<string, bool> isContractStep) =>
        [.. pending.TakeWhile(id => !isContractStep(id))];

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>
    /// A new server has no database, and a new database no migration history. Both are asked first (probes that
    /// expect the answer "no" and log it as such) and created here, so the migration reads an existing, empty history:
    /// without this, EF reads the history of a database or table that does not exist, and the failures it logs are read
    /// by an operator as a failed step although the migration then succeeds.
    /// </summary>
    private async Task CreateDatabaseIfMissingAsync(PosDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            logger.LogInformation("The database does not exist yet: creating it.");
            await creator.CreateAsync(cancellationToken);
        }
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
    }
}
