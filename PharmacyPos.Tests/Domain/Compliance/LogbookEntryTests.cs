using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using static PharmacyPos.Tests.Domain.Compliance.Counter;

namespace PharmacyPos.Tests.Domain.Compliance;

public class LogbookEntryTests
{
    private static readonly Guid Cashier = Guid.CreateVersion7();

    private static PhotoId Purchaser() =>
        PhotoId.Create(PhotoIdType.DriversLicense, "L1234567", "IL", new DateOnly(1985, 5, 5), "Sam Reed", "4 Oak St, Chicago IL", null, new DateOnly(2028, 1, 1));

    private static LogbookEntry Entry(DateTimeOffset at, int packages = 2) =>
        new(Pseudoephedrine24(), packages, at, Purchaser(), "signatures/2028/abc.png", Guid.CreateVersion7(), Cashier, Guid.CreateVersion7());

    [Fact]
    public void Records_the_grams_of_base_and_the_purchaser()
    {
        var entry = Entry(new DateTimeOffset(2028, 3, 1, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(1.179648m, entry.BaseGrams);
        Assert.Equal(ListedChemical.Pseudoephedrine, entry.Chemical);
        Assert.Equal("Sam Reed", entry.Purchaser.FullName);
        Assert.Equal(new ListedChemicalPurchase(ListedChemical.Pseudoephedrine, entry.At, 1.179648m, "America/Chicago"), entry.ToPurchase("America/Chicago"));
    }

    [Fact]
    public void Is_kept_two_calendar_years_and_cannot_be_purged_before()
    {
        var made = new DateTimeOffset(2028, 3, 1, 16, 0, 0, TimeSpan.Zero);
        var entry = Entry(made);
        var clock = new FakeTimeProvider(made);
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 16, 0, 0, TimeSpan.Zero), entry.RetainUntil);

        clock.Advance(entry.RetainUntil - made - TimeSpan.FromSeconds(1));
        var ex = Assert.Throws<DomainException>(() => entry.EnsurePurgeable(clock.GetUtcNow()));
        Assert.Equal("This logbook entry must be kept until March 1, 2030; it cannot be deleted before then.", ex.Message);

        clock.Advance(TimeSpan.FromSeconds(1));
        entry.EnsurePurgeable(clock.GetUtcNow());
        Assert.True(entry.MayBePurgedAt(clock.GetUtcNow()));
    }

    [Fact]
    public void An_entry_made_on_a_leap_day_is_kept_until_1_March_two_years_later() =>
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 16, 0, 0, TimeSpan.Zero),
            Entry(new DateTimeOffset(2028, 2, 29, 16, 0, 0, TimeSpan.Zero)).RetainUntil);

    [Fact]
    public void The_purchaser_must_sign() =>
        Assert.Equal("The purchaser must sign the logbook before the sale.",
            Assert.Throws<DomainException>(() => new LogbookEntry(Pseudoephedrine24(), 1, DateTimeOffset.UnixEpoch, Purchaser(), " ",
                Guid.CreateVersion7(), Cashier, null)).Message);

    [Fact]
    public void Only_listed_chemical_products_are_logged() =>
        Assert.Throws<DomainException>(() => new LogbookEntry(Nicotine18(), 1, DateTimeOffset.UnixEpoch, Purchaser(), "sig",
            Guid.CreateVersion7(), Cashier, null));
}
