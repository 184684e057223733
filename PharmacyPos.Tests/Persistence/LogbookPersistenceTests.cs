using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Persistence;

public class LogbookPersistenceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_logbook_entry_keeps_its_grams_of_base_exactly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var branch = new Branch("BR-7", "Test", "1 Road", "TX", "America/Chicago");
        var tablet = new Product(Gtin.FromBody("35000112341"), "Pseudoephedrine sulfate 30 mg, 1 ct", "Cold and flu", TaxClass.Standard, Money.Of(0.99m));
        tablet.ContainsListedChemical(ListedChemicalContent.PerUnit(ListedChemical.Pseudoephedrine, "sulfate", 30m, 1));
        // A fresh ID object per entry: each entry owns its own copy of the purchaser's ID.
        static PhotoId Purchaser() => PhotoId.Create(PhotoIdType.DriversLicense, "D1234567", "TX", new DateOnly(1980, 1, 2), "Ann Buyer",
            "9 Oak St, Austin TX", null, new DateOnly(2028, 1, 1));
        var at = new DateTimeOffset(2028, 3, 1, 18, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, 156)
            .Select(i => new LogbookEntry(tablet, 1, at.AddMinutes(-i), Purchaser(), "sale_signatures/x", branch.Id, Guid.CreateVersion7(), null)).ToList();
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(branch, tablet);
            db.AddRange(entries);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateDbContext();
        var loaded = await read.Set<LogbookEntry>().AsNoTracking().ToListAsync();
        Assert.All(loaded, e => Assert.Equal(0.0231345m, e.BaseGrams));
        var purchases = loaded.Select(e => e.ToPurchase(branch.TimeZoneId)).ToList();
        // 156 single tablets hold 3.609 g of base: past the daily limit, however small each package.
        Assert.Equal(3.608982m, purchases.Sum(p => p.BaseGrams));
        var next = ListedChemicalLimit.Check(tablet, 1, at.AddMinutes(1), branch, purchases.Skip(1));
        Assert.True(next.Decision.IsRefused);
    }
}
