using Microsoft.EntityFrameworkCore;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

public class SchemaTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_match_the_model_on_every_provider(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: add a migration for {provider}.");
    }
}
