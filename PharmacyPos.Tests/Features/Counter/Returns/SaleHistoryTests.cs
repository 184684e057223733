using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.History;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter.Returns;

/// <summary>The branch's sale history: each filter narrows to exactly the sales it names, on both providers.</summary>
public class SaleHistoryTests
{
    private sealed record Sales(string Early, string Late, string Other);

    /// <summary>
    /// Three sales: late on 9 March in Chicago (already 10 March in UTC) by the first cashier to the patient; the next
    /// morning by the same cashier; and one by the second cashier of the nebulizer.
    /// </summary>
    private static async Task<Sales> SeedAsync(CounterShop shop)
    {
        var early = await shop.SellAsync([(shop.Ibuprofen, 1)], customerId: shop.Patient.Id,
            at: new DateTimeOffset(2026, 3, 10, 4, 30, 0, TimeSpan.Zero)); // 23:30 CDT on 9 March
        var late = await shop.SellAsync([(shop.Ibuprofen, 2)], at: new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero));
        var other = await shop.SellAsync([(shop.Nebulizer, 1)], cashier: shop.Cashier2, at: new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));
        return new Sales(early.SaleNumber, late.SaleNumber, other.SaleNumber);
    }

    private static async Task<List<string>> FindAsync(CounterShop shop, SaleHistory.Filter filter) =>
        (await shop.Get<SaleHistory>().SearchAsync(shop.Branch.Id, filter, 0, 50)).Rows.Select(r => r.SaleNumber).ToList();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_filter_narrows_to_the_sales_it_names(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var s = await SeedAsync(shop);

        Assert.Equal([s.Other, s.Late, s.Early], await FindAsync(shop, new SaleHistory.Filter()));
        Assert.Equal([s.Late], await FindAsync(shop, new SaleHistory.Filter { SaleNumber = s.Late.ToLowerInvariant() }));
        Assert.Equal([s.Early], await FindAsync(shop, new SaleHistory.Filter { From = new DateOnly(2026, 3, 9), To = new DateOnly(2026, 3, 9) }));
        Assert.Equal([s.Other, s.Late], await FindAsync(shop, new SaleHistory.Filter { From = new DateOnly(2026, 3, 10) }));
        Assert.Equal([s.Early], await FindAsync(shop, new SaleHistory.Filter { To = new DateOnly(2026, 3, 9) }));
        Assert.Equal([s.Other], await FindAsync(shop, new SaleHistory.Filter { Cashier = "dana" }));
        Assert.Equal([s.Late, s.Early], await FindAsync(shop, new SaleHistory.Filter { Cashier = "Casey" }));
        Assert.Equal([s.Early], await FindAsync(shop, new SaleHistory.Filter { Customer = "maria garcia" }));
        Assert.Equal([s.Early], await FindAsync(shop, new SaleHistory.Filter { Customer = "Garcia" }));
        Assert.Equal([s.Other], await FindAsync(shop, new SaleHistory.Filter { Item = "nebulizer" }));
        Assert.Equal([s.Other], await FindAsync(shop, new SaleHistory.Filter { Item = shop.Nebulizer.Gtin.Value }));
        Assert.Equal([s.Late], await FindAsync(shop, new SaleHistory.Filter { Item = "ibuprofen", From = new DateOnly(2026, 3, 10) }));
        Assert.Empty(await FindAsync(shop, new SaleHistory.Filter { Customer = "garcia", Cashier = "dana" }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_come_newest_first_with_the_total_count(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        var s = await SeedAsync(shop);

        var second = await shop.Get<SaleHistory>().SearchAsync(shop.Branch.Id, new SaleHistory.Filter(), 1, 1);

        Assert.Equal(3, second.TotalCount);
        var row = Assert.Single(second.Rows);
        Assert.Equal(s.Late, row.SaleNumber);
        Assert.Equal("Casey Counter", row.Cashier);
        Assert.Equal(2, row.Items);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(-5)), row.LocalTime);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_inverted_date_range_is_refused_with_a_message(DatabaseProvider provider)
    {
        await using var shop = await CounterShop.CreateAsync(provider);
        await SeedAsync(shop);

        var refused = await Assert.ThrowsAsync<DomainException>(() => shop.Get<SaleHistory>().SearchAsync(shop.Branch.Id,
            new SaleHistory.Filter { From = new DateOnly(2026, 3, 10), To = new DateOnly(2026, 3, 9) }, 0, 50));

        Assert.Equal(SaleHistory.InvertedDates, refused.Message);
    }
}
