using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>
/// A branch with a few products and lots in a fresh database of either provider, and the app's own counter
/// services wired on it (AddPersistence + AddFeatures), as after a start of the app.
/// </summary>
internal sealed class CounterStore : IAsyncDisposable
{
    /// <summary>Noon in Chicago: far from midnight, so the branch's date is the date of the test.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 26);

    private readonly List<ServiceProvider> _apps = [];

    private CounterStore(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public FakeTimeProvider Time { get; } = new(Now);
    public Branch Branch { get; private set; } = default!;
    /// <summary>$5.49, FSA/HSA eligible; lots: expired (10), near expiry (3), far expiry (20).</summary>
    public Product Ibuprofen { get; private set; } = default!;
    /// <summary>$4.29; one lot of 40.</summary>
    public Product Bandages { get; private set; } = default!;
    /// <summary>$9.99; one lot of 5: the last units two registers fight over.</summary>
    public Product Loratadine { get; private set; } = default!;
    public StockLot IbuprofenExpired { get; private set; } = default!;
    public StockLot IbuprofenNear { get; private set; } = default!;
    public StockLot IbuprofenFar { get; private set; } = default!;
    public StockLot LoratadineLot { get; private set; } = default!;
    public AuditActor Cashier { get; } = new(Guid.Parse("0197a000-0000-7000-8000-0000000000c1"), "cashier", "Cashier", null, "R1");

    public static async Task<CounterStore> CreateAsync(DatabaseProvider provider)
    {
        var store = new CounterStore(await TestDatabase.CreateAsync(provider));
        await store.SeedAsync();
        return store;
    }

    /// <summary>The app's services on this database; each call is a new instance of the app (as after a restart).</summary>
    public IServiceProvider App(params ISaleCommitStep[] steps)
    {
        var services = new ServiceCollection().AddLogging().AddPersistence(Database.Settings);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IPaymentTerminal, SimulatedPaymentTerminal>();
        services.AddStaffIdentity();
        services.AddFeatures();
        foreach (var step in steps)
            services.AddSingleton(step);
        var app = services.BuildServiceProvider();
        _apps.Add(app);
        return app;
    }

    public CheckoutHandler Checkout(params ISaleCommitStep[] steps) => App(steps).GetRequiredService<CheckoutHandler>();

    /// <summary>A priced sale at register <paramref name="register"/> with the given items, not yet paid.</summary>
    public Sale Sale(string register = "R1", params (Product Product, int Quantity)[] items)
    {
        var sale = new Sale(Guid.CreateVersion7(), SaleNumbers.New(Branch, Now), Branch.Id, register, Cashier.UserId!.Value, Now);
        foreach (var (product, quantity) in items)
            sale.AddLine(product, quantity, Branch);
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, Now);
        return sale;
    }

    /// <summary>The sale paid in cash with <paramref name="extra"/> over the total, as the cart the register submits.</summary>
    public static CartSnapshot PaidInCash(Sale sale, decimal extra = 0m)
    {
        sale.AddCashTender(sale.Total.Amount + extra);
        return CartSnapshot.Of(sale) with { PricedAt = Now };
    }

    public async Task<int> OnHandAsync(StockLot lot)
    {
        await using var db = Database.CreateDbContext();
        return await db.Set<StockLot>().Where(l => l.Id == lot.Id).Select(l => l.QuantityOnHand).SingleAsync();
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var db = Database.CreateDbContext();
        return await db.Set<T>().CountAsync();
    }

    private async Task SeedAsync()
    {
        Branch = new Branch("BR-T", "Test Pharmacy", "1 Test Road, Austin, TX 78701", "TX", "America/Chicago");
        Branch.SetTaxRate(TaxClass.Standard, Percentage.Of(8.25m));
        Ibuprofen = new Product(Gtin.FromBody("35000110001"), "Ibuprofen 200 mg tablet, 24 ct", "Pain relief", TaxClass.Standard, Money.Of(5.49m));
        Ibuprofen.DescribeDrug(Ndc.FromEleven("50001-1000-01"), "200 mg", "tablet", 24);
        Ibuprofen.MarkFsaHsaEligible(true);
        Bandages = new Product(Gtin.FromBody("08123410001"), "Adhesive Bandages, 30 ct", "First aid", TaxClass.Standard, Money.Of(4.29m));
        Loratadine = new Product(Gtin.FromBody("35000120001"), "Loratadine 10 mg tablet, 30 ct", "Allergy", TaxClass.Standard, Money.Of(9.99m));
        IbuprofenExpired = new StockLot(Branch.Id, Ibuprofen.Id, "IBU-OLD", Today.AddDays(-1), 10);
        IbuprofenNear = new StockLot(Branch.Id, Ibuprofen.Id, "IBU-NEAR", Today, 3);
        IbuprofenFar = new StockLot(Branch.Id, Ibuprofen.Id, "IBU-FAR", Today.AddDays(300), 20);
        LoratadineLot = new StockLot(Branch.Id, Loratadine.Id, "LOR-1", Today.AddDays(200), 5);
        await using var db = Database.CreateDbContext();
        db.Add(Branch);
        db.AddRange(Ibuprofen, Bandages, Loratadine);
        db.AddRange(IbuprofenExpired, IbuprofenNear, IbuprofenFar, LoratadineLot,
            new StockLot(Branch.Id, Bandages.Id, "BND-1", Today.AddDays(900), 40));
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
