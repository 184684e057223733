using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>
/// Two branches of one chain in a real database, with the products, a pharmacist and prescriptions the pharmacy
/// tests need, and a checkout that runs the commit steps the way the register does: one transaction, the sale
/// added, every step, one SaveChanges, commit.
/// </summary>
internal sealed class PharmacyCounter : IAsyncDisposable
{
    /// <summary>Noon in Chicago on a Tuesday.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 3, 10);
    private static int _saleNumber;

    private PharmacyCounter(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public Branch Main { get; private set; } = null!;
    public Branch River { get; private set; } = null!;
    /// <summary>A pack with exactly 0.6 g of pseudoephedrine base: six packs are the federal daily limit of 3.6 g.</summary>
    public Product Pseudoephedrine { get; private set; } = null!;
    public Product Nicotine { get; private set; } = null!;
    public Product CodeineSyrup { get; private set; } = null!;
    public Product Amoxicillin { get; private set; } = null!;
    public Product Oxycodone { get; private set; } = null!;
    public Patient Patient { get; private set; } = null!;
    public Prescriber Prescriber { get; private set; } = null!;
    public Guid PharmacistId { get; private set; }
    public Guid CashierId { get; } = Guid.CreateVersion7();

    public IAuditTrail Audit => new AuditTrail(Database.Factory, TimeProvider.System);

    public IReadOnlyList<ISaleCommitStep> Steps =>
        [new AgeCheckStep(Audit), new ListedChemicalStep(Audit), new ControlledSubstanceStep(Audit), new PrescriptionPickupStep(Audit)];

    public static async Task<PharmacyCounter> CreateAsync(DatabaseProvider provider)
    {
        var counter = new PharmacyCounter(await TestDatabase.CreateAsync(provider));
        await counter.SeedAsync();
        return counter;
    }

    private async Task SeedAsync()
    {
        Main = new Branch("BR-001", "Main Street", "100 Main St, Austin, TX", "TX", "America/Chicago");
        Main.Policy.SetScheduleVOtc(allowed: true);
        River = new Branch("BR-002", "Riverside", "42 River Rd, Portland, OR", "OR", "America/Los_Angeles");
        Pseudoephedrine = Product("Pseudoephedrine HCl 30 mg, 25 tablets", 7.49m);
        Pseudoephedrine.ContainsListedChemical(new ListedChemicalContent(ListedChemical.Pseudoephedrine, "hydrochloride", 750m, 0.8m));
        Nicotine = Product("Nicotine gum 4 mg", 39.99m);
        Nicotine.RestrictAge(21);
        CodeineSyrup = Product("Codeine/guaifenesin syrup", 12.99m);
        CodeineSyrup.Classify(DeaSchedule.V, rxOnly: false);
        CodeineSyrup.DescribeScheduleV(ScheduleVContent.Liquid(118m));
        Amoxicillin = Product("Amoxicillin 500 mg", 12m);
        Amoxicillin.Classify(DeaSchedule.None, rxOnly: true);
        Oxycodone = Product("Oxycodone HCl 5 mg", 24m);
        Oxycodone.Classify(DeaSchedule.II, rxOnly: true);
        Patient = new Patient("Maria", "Garcia", new DateOnly(1958, 3, 14), "512-555-0101", "12 Oak Lane, Austin, TX");
        Prescriber = new Prescriber("Ann", "Smith", Npi.Parse("1234567893"), DeaNumber.Parse("FS1234563"));

        var pharmacist = new StaffUser { UserName = "pharmacist", NormalizedUserName = "PHARMACIST", DisplayName = "Pat Pharmacist", HomeBranchId = Main.Id };
        var role = new IdentityRole<Guid>(StaffRole.Pharmacist) { Id = Guid.CreateVersion7(), NormalizedName = "PHARMACIST" };
        PharmacistId = pharmacist.Id;

        await using var db = Database.CreateDbContext();
        db.AddRange(Main, River, Pseudoephedrine, Nicotine, CodeineSyrup, Amoxicillin, Oxycodone, Patient, Prescriber);
        db.Add(pharmacist);
        db.Add(role);
        db.Add(new IdentityUserRole<Guid> { UserId = pharmacist.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    private static int _gtin = 2000;

    private static Product Product(string name, decimal price) =>
        new(Gtin.FromBody(Interlocked.Increment(ref _gtin).ToString("D11", System.Globalization.CultureInfo.InvariantCulture)),
            name, "Test", TaxClass.Standard, Money.Of(price));

    public static PhotoId Purchaser(string number = "D1234567", DateOnly? dateOfBirth = null) =>
        PhotoId.Create(PhotoIdType.DriversLicense, number, "TX", dateOfBirth ?? new DateOnly(1980, 5, 1), "Sam Buyer", "1 Elm St, Austin, TX", null, Today);

    public static PatientSignature Signature() =>
        PatientSignature.FromStrokes([Enumerable.Range(0, 20).Select(i => new SignaturePoint(10 + i * 5, 40 + i % 7)).ToList()]);

    /// <summary>A prescription for the patient with one fill at the branch, taken as far as <paramref name="status"/>.</summary>
    public async Task<Fill> FillAsync(Branch branch, Product drug, DeaSchedule schedule, FillStatus status, string bin = "B-14")
    {
        var prescription = new Prescription(Patient.Id, Prescriber, drug.Id, schedule, 30m, 30, 0, Today.AddDays(-3), Today);
        var fill = prescription.StartFill(branch, 30m, Money.Of(42.50m), Money.Of(10m), Now.AddHours(-3));
        if (status is not FillStatus.InProgress)
            fill.SubmitForVerification();
        if (status is FillStatus.ReadyForPickup)
        {
            fill.Verify(PharmacistId, Now.AddHours(-2));
            fill.PlaceInBin(bin);
        }
        await using var db = Database.CreateDbContext();
        db.Add(prescription);
        await db.SaveChangesAsync();
        return fill;
    }

    public async Task LogPriorPurchaseAsync(Branch branch, PhotoId purchaser, int packages, DateTimeOffset at)
    {
        await using var db = Database.CreateDbContext();
        db.Add(new LogbookEntry(Pseudoephedrine, packages, at, purchaser, "sale_signatures/earlier", branch.Id, CashierId, null));
        await db.SaveChangesAsync();
    }

    public Sale Sale(Branch branch, params (Product Product, int Quantity)[] lines)
    {
        var number = $"T{Interlocked.Increment(ref _saleNumber):D8}";
        var sale = new Sale(Guid.CreateVersion7(), number, branch.Id, "R1", CashierId, Now.AddMinutes(-5));
        foreach (var (product, quantity) in lines)
        {
            // A prescription-only drug is on a sale only as a fill picked up, one unit of the fill.
            if (product.RxOnly)
                sale.AddPrescriptionLine(product, Guid.CreateVersion7(), product.Price, branch);
            else
                sale.AddLine(product, quantity, branch);
        }
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, Now);
        sale.AddCashTender(sale.Total.Amount);
        sale.Complete(Now);
        return sale;
    }

    public AuditActor Cashier(Branch branch) => new(CashierId, "cashier", StaffRole.Cashier, branch.Id, "R1");

    /// <summary>Commits a sale as checkout does, running every pharmacy step (or the ones given) in the sale's transaction.</summary>
    public async Task CommitAsync(Sale sale, Branch branch, SaleEvidence evidence, DateTimeOffset? at = null, IReadOnlyList<ISaleCommitStep>? steps = null)
    {
        await using var db = Database.CreateDbContext();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(sale);
            var context = new SaleCommitContext(db, sale, branch, Cashier(branch), evidence, at ?? Now);
            foreach (var step in steps ?? Steps)
                await step.ApplyAsync(context, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
    }

    /// <summary>How many rows the counter's records hold: a refused sale must leave every one unchanged.</summary>
    public async Task<(int Sales, int Logbook, int Controlled, int Signatures, int Counseling, int Audit)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.Set<Sale>().CountAsync(), await db.Set<LogbookEntry>().CountAsync(),
            await db.Set<ControlledSaleRecord>().CountAsync(), await db.Set<SaleSignature>().CountAsync(),
            await db.Set<CounselingOffer>().CountAsync(), await db.Set<AuditEvent>().CountAsync());
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    public async Task<Fill> ReloadAsync(Fill fill)
    {
        await using var db = Database.CreateDbContext();
        return await db.Set<Fill>().AsNoTracking().SingleAsync(f => f.Id == fill.Id);
    }
}
