using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.Persistence;

public class DemoDataTests
{
    [Fact]
    public void Demo_catalog_has_every_kind_of_item_with_valid_codes()
    {
        var products = DemoCatalog.Products();
        Assert.True(products.Count >= 300, $"only {products.Count} products");
        Assert.Equal(products.Count, products.Select(p => p.Gtin).Distinct().Count());
        Assert.All(products, p => Assert.True(Gtin.TryParse(p.Gtin.Value, out _, out _)));
        Assert.All(products.Where(p => p.Ndc is not null), p => Assert.StartsWith("003", p.Gtin.Value, StringComparison.Ordinal));
        foreach (var schedule in new[] { DeaSchedule.II, DeaSchedule.III, DeaSchedule.IV, DeaSchedule.V })
            Assert.Contains(products, p => p.Schedule == schedule);
        Assert.Contains(products, p => p.ListedChemical?.Chemical == ListedChemical.Pseudoephedrine);
        Assert.Contains(products, p => p.MinimumAge is not null);
        Assert.Contains(products, p => p.FsaHsaEligible);
        Assert.Contains(products, p => p.RxOnly);
        Assert.Contains(products, p => !p.RxOnly && p.Ndc is not null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seeding_twice_adds_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));
        await using var services = SeederServices(database, time);
        var seeder = services.GetRequiredService<DemoDataSeeder>();

        await seeder.SeedAsync(CancellationToken.None);
        var first = await CountsAsync(database);
        await seeder.SeedAsync(CancellationToken.None);
        var second = await CountsAsync(database);

        Assert.Equal(first, second);
        Assert.Equal(2, first.Branches);
        Assert.True(first.Products >= 300);
        Assert.True(first.Patients >= 5);
        Assert.Equal(DemoDataSeeder.Users.Count, first.Users);

        await using var db = database.CreateDbContext();
        var today = new DateOnly(2026, 11, 26);
        var lots = await db.Set<StockLot>().AsNoTracking().ToListAsync();
        Assert.Contains(lots, l => l.Expiry < today);
        Assert.Contains(lots, l => l.Expiry >= today && l.Expiry <= today.AddDays(90));
        Assert.Contains(lots, l => l.Expiry > today.AddDays(90));

        var promotions = await db.Set<PharmacyPos.Domain.Pricing.PricingRule>().AsNoTracking().ToListAsync();
        Assert.Equal(3, promotions.Count);
        Assert.All(promotions, p => Assert.True(p.IsActiveAt(time.GetUtcNow()), $"{p.Name} is not running now"));

        var roles = services.GetRequiredService<UserManager<Web.Infrastructure.Identity.StaffUser>>();
        foreach (var role in StaffRole.All)
            Assert.NotEmpty(await roles.GetUsersInRoleAsync(role));
    }

    internal static ServiceProvider SeederServices(TestDatabase database, TimeProvider time)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPersistence(database.Settings);
        services.AddSingleton(time);
        Web.Infrastructure.Identity.IdentityServiceCollectionExtensions.AddStaffIdentity(services);
        services.AddSingleton<DemoDataSeeder>();
        return services.BuildServiceProvider();
    }

    private static async Task<(int Branches, int Products, int Lots, int Patients, int Users)> CountsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return (await db.Set<Branch>().CountAsync(), await db.Set<Product>().CountAsync(), await db.Set<StockLot>().CountAsync(),
            await db.Set<Patient>().CountAsync(), await db.Users.CountAsync());
    }
}
