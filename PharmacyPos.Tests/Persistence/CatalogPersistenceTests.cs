using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Inventory;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

public class CatalogPersistenceTests
{
    private static Product Pseudoephedrine()
    {
        var product = new Product(Gtin.FromBody("35000112340"), "Pseudoephedrine HCl 30 mg tablet, 24 ct", "Cold and flu", TaxClass.Standard, Money.Of(7.49m));
        product.DescribeDrug(Ndc.FromEleven("50001-1234-01"), "30 mg", "tablet", 24);
        product.ContainsListedChemical(new ListedChemicalContent(ListedChemical.Pseudoephedrine, "hydrochloride", 720m, 0.8192m));
        product.RestrictAge(18);
        product.MarkFsaHsaEligible(true);
        return product;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Product_keeps_its_codes_price_and_listed_chemical_content(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var product = Pseudoephedrine();
        await using (var db = database.CreateDbContext())
        {
            db.Add(product);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateDbContext();
        var loaded = await read.Set<Product>().SingleAsync(p => p.Gtin == product.Gtin);
        Assert.Equal(product.Ndc, loaded.Ndc);
        Assert.Equal(7.49m, loaded.Price.Amount);
        Assert.Equal(0.589824m, loaded.ListedChemical!.BaseGramsPerPackage);
        Assert.Equal("hydrochloride", loaded.ListedChemical.Salt);
        Assert.Equal(18, loaded.MinimumAge);
        Assert.True(loaded.FsaHsaEligible);
        Assert.True(loaded.BehindCounter);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Barcode_is_unique_across_the_catalog(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateDbContext();
        db.Add(Pseudoephedrine());
        await db.SaveChangesAsync();

        await using var second = database.CreateDbContext();
        second.Add(Pseudoephedrine());
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Branch_keeps_its_time_zone_tax_rates_and_policy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var branch = new Branch("BR-9", "Test Branch", "1 Test Road", "OR", "America/Los_Angeles");
        branch.SetTaxRate(TaxClass.Standard, Percentage.Of(8.875m));
        branch.Policy.SetListedChemicalLimits(3.0m, 7.5m);
        branch.Policy.SetShipsListedChemicals(true);
        await using (var db = database.CreateDbContext())
        {
            db.Add(branch);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateDbContext();
        var loaded = await read.Set<Branch>().SingleAsync(b => b.Code == "BR-9");
        Assert.Equal(8.875m, loaded.TaxRateFor(TaxClass.Standard).Value);
        Assert.Equal(0m, loaded.TaxRateFor(TaxClass.Prescription).Value);
        Assert.Equal(3.0m, loaded.Policy.ListedChemicalDailyGrams);
        Assert.Equal(7.5m, loaded.Policy.ListedChemicalThirtyDayGrams);
        Assert.True(loaded.Policy.ShipsListedChemicals);
        Assert.Equal("America/Los_Angeles", loaded.TimeZone.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Database_refuses_a_negative_quantity_on_hand(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var branch = new Branch("BR-1", "Test", "1 Road", "TX", "America/Chicago");
        var product = Pseudoephedrine();
        var lot = new StockLot(branch.Id, product.Id, "LOT1", new DateOnly(2030, 1, 31), 2);
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(branch, product, lot);
            await db.SaveChangesAsync();
        }

        await using var write = database.CreateDbContext();
        // A set-based update bypasses change tracking: the provider's own exception surfaces.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            write.Set<StockLot>().Where(l => l.Id == lot.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.QuantityOnHand, -1)));
    }
}
