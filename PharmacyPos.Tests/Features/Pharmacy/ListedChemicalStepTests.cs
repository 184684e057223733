using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Features.Pharmacy.Checkout;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Pharmacy;

/// <summary>The pseudoephedrine logbook and its chain-wide limits, as the sale commits, on both databases.</summary>
public class ListedChemicalStepTests
{
    private static SaleEvidence Evidence(PhotoId? purchaser, PatientSignature? signature) =>
        new() { PurchaserId = purchaser, Signature = signature };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sells_pseudoephedrine_with_id_and_signature_and_writes_the_logbook(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var sale = counter.Sale(counter.Main, (counter.Pseudoephedrine, 2));

        await counter.CommitAsync(sale, counter.Main, Evidence(PharmacyCounter.Purchaser(), PharmacyCounter.Signature()));

        await using var db = counter.Database.CreateDbContext();
        var entry = await db.Set<LogbookEntry>().SingleAsync();
        Assert.Equal(1.2m, entry.BaseGrams);
        Assert.Equal(2, entry.Packages);
        Assert.Equal(sale.Id, entry.SaleId);
        Assert.Equal("D1234567", entry.Purchaser.Number);
        var signature = await db.Set<SaleSignature>().SingleAsync();
        Assert.Equal(signature.Reference, entry.SignatureReference);
        Assert.Equal(20, signature.PointCount);
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(e => e.EventType == AuditEventTypes.ListedChemicalSold && e.ProductId == counter.Pseudoephedrine.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_pseudoephedrine_without_a_photo_id_and_changes_nothing(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var before = await counter.CountsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.Pseudoephedrine, 1)), counter.Main, Evidence(null, PharmacyCounter.Signature())));

        Assert.Equal("Scan or enter the purchaser's photo ID before selling pseudoephedrine.", refusal.Message);
        Assert.Equal(before, await counter.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_pseudoephedrine_when_the_logbook_is_not_signed_and_changes_nothing(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var before = await counter.CountsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.Pseudoephedrine, 1)), counter.Main, Evidence(PharmacyCounter.Purchaser(), null)));

        Assert.Equal("The purchaser must sign the logbook.", refusal.Message);
        Assert.Equal(before, await counter.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exactly_the_daily_limit_across_branches_is_sold_and_one_pack_more_is_refused(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var purchaser = PharmacyCounter.Purchaser();
        // 1.8 g bought two hours ago at the Portland branch; 3 packs more make exactly 3.6 g.
        await counter.LogPriorPurchaseAsync(counter.River, purchaser, 3, PharmacyCounter.Now.AddHours(-2));

        await counter.CommitAsync(counter.Sale(counter.Main, (counter.Pseudoephedrine, 3)), counter.Main, Evidence(purchaser, PharmacyCounter.Signature()));
        var atLimit = await counter.CountsAsync();
        var refusal = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.Main, (counter.Pseudoephedrine, 1)), counter.Main, Evidence(purchaser, PharmacyCounter.Signature()), PharmacyCounter.Now.AddMinutes(10)));

        Assert.Equal("This sale would bring the purchaser to 4.2 g of pseudoephedrine today; the limit is 3.6 g. They cannot buy any more today.", refusal.Message);
        Assert.Equal(atLimit, await counter.CountsAsync());
        Assert.Equal(2, atLimit.Logbook); // the earlier entry and the sale's
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_a_purchaser_already_at_the_30_day_limit_of_the_selling_branch(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        await using (var db = counter.Database.CreateDbContext())
        {
            // Oregon's stricter 30-day limit, as the demo sets it: 7.2 g.
            var river = await db.Set<PharmacyPos.Domain.Branches.Branch>().SingleAsync(b => b.Id == counter.River.Id);
            river.Policy.SetListedChemicalLimits(3.6m, 7.2m);
            await db.SaveChangesAsync();
            counter.River.Policy.SetListedChemicalLimits(3.6m, 7.2m);
        }
        var purchaser = PharmacyCounter.Purchaser();
        foreach (var daysAgo in new[] { 20, 10, 3 })
            await counter.LogPriorPurchaseAsync(counter.Main, purchaser, 4, PharmacyCounter.Now.AddDays(-daysAgo));
        var before = await counter.CountsAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => counter.CommitAsync(
            counter.Sale(counter.River, (counter.Pseudoephedrine, 1)), counter.River, Evidence(purchaser, PharmacyCounter.Signature())));

        Assert.StartsWith("This sale would bring the purchaser to 7.8 g of pseudoephedrine in 30 days", refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith("the limit is 7.2 g. They cannot buy any more now.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, await counter.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_branches_selling_to_the_same_purchaser_at_the_same_moment_cannot_together_pass_the_limit(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        var purchaser = PharmacyCounter.Purchaser();
        // 4 packs are 2.4 g: within 3.6 g alone, 4.8 g together.
        var sales = new[] { (counter.Sale(counter.Main, (counter.Pseudoephedrine, 4)), counter.Main), (counter.Sale(counter.River, (counter.Pseudoephedrine, 4)), counter.River) };
        using var start = new Barrier(sales.Length);

        var outcomes = await Task.WhenAll(sales.Select(s => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                await counter.CommitAsync(s.Item1, s.Item2, Evidence(purchaser, PharmacyCounter.Signature()));
                return null;
            }
            catch (DomainException refused)
            {
                return refused.Message;
            }
        })));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is not null && o.Contains("the limit is 3.6 g", StringComparison.Ordinal));
        await using var db = counter.Database.CreateDbContext();
        var entry = await db.Set<LogbookEntry>().SingleAsync();
        Assert.Equal(2.4m, entry.BaseGrams);
        Assert.Equal(1, await db.Set<PharmacyPos.Domain.Sales.Sale>().CountAsync());
        Assert.Equal(1, await db.Set<SaleSignature>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_purchaser_is_not_counted(DatabaseProvider provider)
    {
        await using var counter = await PharmacyCounter.CreateAsync(provider);
        await counter.LogPriorPurchaseAsync(counter.River, PharmacyCounter.Purchaser("D7654321"), 6, PharmacyCounter.Now.AddHours(-1));

        await counter.CommitAsync(counter.Sale(counter.Main, (counter.Pseudoephedrine, 6)), counter.Main,
            Evidence(PharmacyCounter.Purchaser(), PharmacyCounter.Signature()));

        Assert.Equal(2, (await counter.CountsAsync()).Logbook);
    }
}
