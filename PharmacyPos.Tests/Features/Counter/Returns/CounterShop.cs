using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter.Returns;

/// <summary>
/// A branch in a fresh database of either provider, with the app's own services (persistence, identity, the
/// counter's features): a cashier, managers, three products with lots, and committed sales made with the domain
/// API, stock taken as checkout would.
/// </summary>
internal sealed class CounterShop : IAsyncDisposable
{
    /// <summary>Tuesday 10 March 2026, 12:00 in Chicago (CDT, UTC-5).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    public const string ManagerPassword = "Manager-Test-1";
    public const string CashierPassword = "Cashier-Test-1";
    private static int _nextSale;

    private readonly ServiceProvider _services;

    private CounterShop(TestDatabase database, ServiceProvider services, FakeTimeProvider time)
    {
        Database = database;
        _services = services;
        Time = time;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _services;
    public Branch Branch { get; private set; } = default!;
    public Branch OtherBranch { get; private set; } = default!;
    /// <summary>$5.49, taxed, FSA/HSA eligible.</summary>
    public Product Ibuprofen { get; private set; } = default!;
    /// <summary>$64.99, taxed: one unit is above the $50 approval threshold.</summary>
    public Product Nebulizer { get; private set; } = default!;
    /// <summary>A prescription fill.</summary>
    public Product Amoxicillin { get; private set; } = default!;
    public Patient Patient { get; private set; } = default!;
    public StaffUser Cashier { get; private set; } = default!;
    public StaffUser Cashier2 { get; private set; } = default!;
    public StaffUser Manager { get; private set; } = default!;
    public StaffUser OtherBranchManager { get; private set; } = default!;
    /// <summary>Per product: the lot that expires last (where stock is taken from and put back, in these tests).</summary>
    public Dictionary<Guid, StockLot> LatestLot { get; } = [];
    public Dictionary<Guid, StockLot> NearLot { get; } = [];

    public static async Task<CounterShop> CreateAsync(DatabaseProvider provider, IPaymentTerminal? terminal = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Now);
        var services = new ServiceCollection().AddLogging();
        services.AddPersistence(database.Settings);
        services.AddSingleton<TimeProvider>(time);
        services.AddStaffIdentity();
        services.AddFeatures();
        if (terminal is null)
            services.AddSingleton<IPaymentTerminal, SimulatedPaymentTerminal>();
        else
            services.AddSingleton(terminal);
        var shop = new CounterShop(database, services.BuildServiceProvider(), time);
        await shop.SeedAsync();
        return shop;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public PosDbContext Db() => Database.CreateDbContext();

    public static ClaimsPrincipal SignedIn(StaffUser user, string role, string register = "R1") =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName!),
            new Claim(ClaimTypes.Role, role),
            new Claim(PosClaims.Branch, user.HomeBranchId.ToString()),
            new Claim(PosClaims.Register, register),
            new Claim(PosClaims.DisplayName, user.DisplayName),
        ], "test"));

    public ClaimsPrincipal CashierAtRegister(string register = "R1") => SignedIn(Cashier, StaffRole.Cashier, register);

    /// <summary>
    /// A completed sale of <paramref name="items"/> at the branch, paid by <paramref name="pay"/> (cash for the rest
    /// when it leaves anything due), saved with its stock taken from each product's latest lot (or the line's lot).
    /// </summary>
    public async Task<Sale> SellAsync(IEnumerable<(Product Product, int Quantity)> items, Action<Sale>? pay = null,
        StaffUser? cashier = null, Guid? customerId = null, DateTimeOffset? at = null, Guid? lotId = null)
    {
        var when = at ?? Time.GetUtcNow();
        var number = "S" + when.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Interlocked.Increment(ref _nextSale).ToString("D6", CultureInfo.InvariantCulture);
        var sale = new Sale(Guid.CreateVersion7(), number, Branch.Id, "R1", (cashier ?? Cashier).Id, when, customerId);
        foreach (var (product, quantity) in items)
        {
            // A prescription-only drug is on a sale only as a fill picked up, one unit of the fill.
            if (product.RxOnly)
                sale.AddPrescriptionLine(product, Guid.CreateVersion7(), product.Price, Branch);
            else
                sale.AddLine(product, quantity, Branch, lotId);
        }
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, when);
        pay?.Invoke(sale);
        if (sale.RemainingDue > Money.Zero)
            sale.AddCashTender(sale.RemainingDue.Amount);
        sale.Complete(when);

        await using var db = Db();
        db.Add(sale);
        await db.SaveChangesAsync();
        foreach (var line in sale.Lines)
        {
            var lot = line.LotId ?? LatestLot[line.ProductId].Id;
            await db.Set<StockLot>().Where(l => l.Id == lot)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityOnHand, l => l.QuantityOnHand - line.Quantity));
        }
        return sale;
    }

    public static void PayByCard(Sale sale, decimal amount, string lastFour = "4242", TenderKind kind = TenderKind.Card) =>
        sale.AddApprovedCardTender(kind, amount, kind == TenderKind.FsaHsaCard ? "FSA Visa" : "Visa", lastFour, "A1B2C3",
            "TX" + Guid.NewGuid().ToString("N")[..20]);

    public async Task<int> OnHandAsync(Guid lotId)
    {
        await using var db = Db();
        return await db.Set<StockLot>().Where(l => l.Id == lotId).Select(l => l.QuantityOnHand).SingleAsync();
    }

    public async Task<(int Returns, int ReturnLines, int Refunds, int RefundAudits)> RecordsAsync()
    {
        await using var db = Db();
        return (await db.Set<SaleReturn>().CountAsync(),
            await db.Set<ReturnLine>().CountAsync(),
            await db.Set<RefundTender>().CountAsync(),
            await db.Set<PharmacyPos.Domain.Audit.AuditEvent>().CountAsync(e => e.EventType == PharmacyPos.Domain.Audit.AuditEventTypes.RefundIssued));
    }

    private async Task SeedAsync()
    {
        Branch = new Branch("BR-T1", "Test Street Pharmacy", "1 Test Street, Austin, TX 78701", "TX", "America/Chicago");
        Branch.SetTaxRate(TaxClass.Standard, Percentage.Of(8.25m));
        OtherBranch = new Branch("BR-T2", "Other Pharmacy", "2 Other Road, Portland, OR 97201", "OR", "America/Los_Angeles");
        Ibuprofen = new Product(Gtin.FromBody("03000011100"), "Ibuprofen 200 mg tablet, 50 ct", "Pain relief", TaxClass.Standard, Money.Of(5.49m));
        Ibuprofen.MarkFsaHsaEligible(true);
        Nebulizer = new Product(Gtin.FromBody("08000022200"), "Compressor Nebulizer Kit", "Medical supplies", TaxClass.Standard, Money.Of(64.99m));
        Amoxicillin = new Product(Gtin.FromBody("03000033300"), "Amoxicillin 500 mg capsule, 21 ct", "Prescription", TaxClass.Standard, Money.Of(12.00m));
        Amoxicillin.Classify(DeaSchedule.None, rxOnly: true);
        Patient = new Patient("Maria", "Garcia", new DateOnly(1958, 3, 14), "512-555-0101", "12 Oak Lane, Austin, TX 78702");
        Patient.JoinLoyalty("LOY-200001");

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        await using (var db = Db())
        {
            db.AddRange(Branch, OtherBranch, Ibuprofen, Nebulizer, Amoxicillin, Patient);
            foreach (var product in new[] { Ibuprofen, Nebulizer, Amoxicillin })
            {
                var code = product.Gtin.Value[^4..];
                db.Add(new StockLot(Branch.Id, product.Id, $"X{code}", today.AddDays(-10), 3));
                var near = new StockLot(Branch.Id, product.Id, $"N{code}", today.AddDays(30), 5);
                var latest = new StockLot(Branch.Id, product.Id, $"L{code}", today.AddDays(400), 40);
                db.AddRange(near, latest);
                NearLot[product.Id] = near;
                LatestLot[product.Id] = latest;
            }
            await db.SaveChangesAsync();
        }

        await using var scope = _services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in StaffRole.All)
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Cashier = await UserAsync(users, "t-cashier", "Casey Counter", StaffRole.Cashier, CashierPassword, Branch.Id);
        Cashier2 = await UserAsync(users, "t-cashier2", "Dana Drawer", StaffRole.Cashier, CashierPassword, Branch.Id);
        Manager = await UserAsync(users, "t-manager", "Morgan Manager", StaffRole.Manager, ManagerPassword, Branch.Id);
        OtherBranchManager = await UserAsync(users, "t-manager2", "Owen Other", StaffRole.Manager, ManagerPassword, OtherBranch.Id);
    }

    private static async Task<StaffUser> UserAsync(UserManager<StaffUser> users, string name, string display, string role, string password, Guid branch)
    {
        var user = new StaffUser { UserName = name, DisplayName = display, HomeBranchId = branch };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
