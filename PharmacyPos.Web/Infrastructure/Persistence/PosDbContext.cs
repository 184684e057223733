using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Infrastructure.Persistence;

/// <summary>
/// The one model of the store, shared by every provider. Each provider has an empty sealed
/// subclass with its own migrations; configuration lives in one IEntityTypeConfiguration per aggregate.
/// Use one instance per operation (IDbContextFactory): never hold one for a circuit's lifetime.
/// </summary>
public abstract class PosDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options)
{
    public abstract DatabaseProvider Provider { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PharmacyPos.Domain.Shared.Money>().HaveConversion<MoneyConverter>().HavePrecision(12, 2);
        configurationBuilder.Properties<PharmacyPos.Domain.Shared.Percentage>().HaveConversion<PercentageConverter>()
            .HavePrecision(PharmacyPos.Domain.Shared.Percentage.Precision, PharmacyPos.Domain.Shared.Percentage.Scale);
        configurationBuilder.Properties<PharmacyPos.Domain.Shared.Gtin>().HaveConversion<GtinConverter>().HaveMaxLength(PharmacyPos.Domain.Shared.Gtin.Length);
        configurationBuilder.Properties<PharmacyPos.Domain.Shared.Ndc>().HaveConversion<NdcConverter>().HaveMaxLength(PharmacyPos.Domain.Shared.Ndc.Length);
        configurationBuilder.Properties<PharmacyPos.Domain.Sales.CardLastFour>().HaveConversion<CardLastFourConverter>().HaveMaxLength(4);
        configurationBuilder.Properties<PharmacyPos.Domain.Prescriptions.Npi>().HaveConversion<NpiConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<PharmacyPos.Domain.Prescriptions.DeaNumber>().HaveConversion<DeaNumberConverter>().HaveMaxLength(9);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>().ToTable("staff_users");
        builder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(StaffUser.DisplayNameMaxLength);
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("staff_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("staff_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("staff_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("staff_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(PosDbContext).Assembly);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class NpgsqlPosDbContext(DbContextOptions<NpgsqlPosDbContext> options) : PosDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlitePosDbContext(DbContextOptions<SqlitePosDbContext> options) : PosDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no native date-time-with-offset type; as binary (UTC ticks) it sorts and compares correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
