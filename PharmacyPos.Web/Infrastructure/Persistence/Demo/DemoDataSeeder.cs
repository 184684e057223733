using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Infrastructure.Persistence.Demo;

/// <summary>
/// Seeds the demo pharmacy: two branches, one user per role (passwords in the README), the demo catalog,
/// lots with past, near and far expiries, and a few patients. Idempotent: each part is added only when missing.
/// Never runs in Production (PosSettings refuses the setting there).
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<PosDbContext> factory,
    IServiceScopeFactory scopes,
    IPasswordHasher<RegisterPin> pinHasher,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    public const string DemoPin = "1234";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("cashier", "Casey Cashier", StaffRole.Cashier, "Cashier-Demo-1", 0),
        new("pharmacist", "Pat Pharmacist, PharmD", StaffRole.Pharmacist, "Pharmacist-Demo-1", 0),
        new("manager", "Morgan Manager", StaffRole.Manager, "Manager-Demo-1", 0),
        new("admin", "Alex Admin", StaffRole.Admin, "Admin-Demo-1", 0),
        new("cashier2", "Jordan Cashier", StaffRole.Cashier, "Cashier-Demo-2", 1),
        new("pharmacist2", "Riley Pharmacist, RPh", StaffRole.Pharmacist, "Pharmacist-Demo-2", 1),
    ];

    public sealed record DemoUser(string UserName, string DisplayName, string Role, string Password, int BranchIndex);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var branches = await SeedBranchesAsync(cancellationToken);
        await SeedRegistersAsync(branches, cancellationToken);
        await SeedUsersAsync(branches, cancellationToken);
        var products = await SeedProductsAsync(cancellationToken);
        await SeedLotsAsync(branches, products, cancellationToken);
        await SeedPatientsAsync(cancellationToken);
        await SeedPromotionsAsync(products, cancellationToken);
        await DemoPrescriptions.SeedAsync(factory, time, cancellationToken);
    }

    private async Task<List<Branch>> SeedBranchesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Set<Branch>().AnyAsync(ct))
        {
            var main = new Branch("BR-001", "Main Street Pharmacy", "100 Main Street, Austin, TX 78701", "TX", "America/Chicago");
            main.SetTaxRate(TaxClass.Standard, Percentage.Of(8.25m));
            main.SetTaxRate(TaxClass.ReducedOtc, Percentage.Of(8.25m));
            var river = new Branch("BR-002", "Riverside Pharmacy", "42 River Road, Portland, OR 97201", "OR", "America/Los_Angeles");
            // Oregon has no sales tax; Oregon also limits pseudoephedrine more strictly than the federal rule.
            river.Policy.SetListedChemicalLimits(3.6m, 7.2m);
            river.Policy.SetScheduleVOtc(allowed: false);
            main.Policy.SetScheduleVOtc(allowed: true);
            db.AddRange(main, river);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded the demo branches.");
        }
        return await db.Set<Branch>().OrderBy(b => b.Code).ToListAsync(ct);
    }

    /// <summary>Three front registers and the pharmacy pickup register at each branch, for the devices to choose from.</summary>
    private async Task SeedRegistersAsync(List<Branch> branches, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        (string Code, string Name)[] demo = [("R1", "Front counter 1"), ("R2", "Front counter 2"), ("R3", "Front counter 3"), ("RX1", "Pharmacy pickup")];
        foreach (var branch in branches)
        {
            var have = await db.Set<BranchRegister>().Where(r => r.BranchId == branch.Id).Select(r => r.Code).ToListAsync(ct);
            db.AddRange(demo.Where(d => !have.Contains(d.Code)).Select(d => new BranchRegister(branch.Id, d.Code, d.Name)));
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedUsersAsync(List<Branch> branches, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var role in StaffRole.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }));
        }
        foreach (var demo in Users)
        {
            if (await users.FindByNameAsync(demo.UserName) is not null) continue;
            var user = new StaffUser
            {
                UserName = demo.UserName,
                DisplayName = demo.DisplayName,
                HomeBranchId = branches[demo.BranchIndex].Id,
                PinHash = pinHasher.HashPassword(new RegisterPin(), DemoPin),
            };
            Check(await users.CreateAsync(user, demo.Password));
            Check(await users.AddToRoleAsync(user, demo.Role));
        }
    }

    private async Task<List<Product>> SeedProductsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Set<Product>().AnyAsync(ct))
        {
            db.AddRange(DemoCatalog.Products());
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded the demo catalog.");
        }
        return await db.Set<Product>().AsNoTracking().ToListAsync(ct);
    }

    private async Task SeedLotsAsync(List<Branch> branches, List<Product> products, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<StockLot>().AnyAsync(ct)) return;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var random = new Random(20261126);
        foreach (var branch in branches)
        {
            foreach (var product in products.OrderBy(p => p.Gtin.Value))
            {
                // An expired lot (must never be sold), one expiring within 90 days, and one well in date.
                var prefix = product.Gtin.Value[^4..];
                db.Add(new StockLot(branch.Id, product.Id, $"X{prefix}A", today.AddDays(-random.Next(1, 60)), random.Next(1, 6)));
                db.Add(new StockLot(branch.Id, product.Id, $"N{prefix}B", today.AddDays(random.Next(5, 90)), random.Next(2, 12)));
                db.Add(new StockLot(branch.Id, product.Id, $"L{prefix}C", today.AddDays(random.Next(200, 900)), random.Next(10, 60)));
            }
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded demo stock lots.");
    }

    private async Task SeedPatientsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<Patient>().AnyAsync(ct)) return;
        var patients = new[]
        {
            new Patient("Maria", "Garcia", new DateOnly(1958, 3, 14), "512-555-0101", "12 Oak Lane, Austin, TX 78702"),
            new Patient("James", "Smith", new DateOnly(1985, 11, 2), "512-555-0102", "77 Elm Street, Austin, TX 78703"),
            new Patient("Linh", "Nguyen", new DateOnly(1992, 7, 30), "503-555-0103", "9 Birch Court, Portland, OR 97202"),
            new Patient("Robert", "Johnson", new DateOnly(1944, 1, 5), "512-555-0104", "300 Pine Avenue, Austin, TX 78704"),
            new Patient("Aisha", "Khan", new DateOnly(2000, 2, 29), "503-555-0105", "18 Cedar Way, Portland, OR 97203"),
            new Patient("Tom", "Baker", new DateOnly(2009, 6, 18), "512-555-0106", "5 Maple Drive, Austin, TX 78705"),
            new Patient("Evelyn", "Brown", new DateOnly(1971, 12, 24), "512-555-0107", "61 Walnut Street, Austin, TX 78701"),
            new Patient("Samuel", "Lee", new DateOnly(1966, 9, 9), "503-555-0108", "240 Spruce Road, Portland, OR 97204"),
        };
        patients[0].JoinLoyalty("LOY-100001");
        patients[2].JoinLoyalty("LOY-100002");
        patients[6].JoinLoyalty("LOY-100003");
        db.AddRange(patients);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Promotions running now: one of each kind, so the register shows how they price.</summary>
    private async Task SeedPromotionsAsync(List<Product> products, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<PricingRule>().AnyAsync(ct)) return;
        var now = time.GetUtcNow();
        var from = now.AddDays(-30);
        var to = now.AddDays(90);
        var multivitamin = products.Where(p => p.Name.StartsWith("Multivitamin Adult", StringComparison.Ordinal)).OrderBy(p => p.Name).First();
        db.AddRange(
            new CategoryPercentOff("Vitamins 10% off", "Vitamins", Percentage.Of(10m), from, to),
            BuyXGetY.OnCategory("First aid: buy 2, get 1 free", "First aid", 2, 1, Percentage.Of(100m), from, to),
            new MemberPrice("Member price: multivitamin", multivitamin.Id, Money.Of(decimal.Round(multivitamin.Price.Amount * 0.75m, 2)), from, to));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded demo promotions.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo data could not be seeded: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
