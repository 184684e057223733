using PharmacyPos.Domain.Audit;
using static PharmacyPos.Tests.Domain.Audit.AuditSamples;

namespace PharmacyPos.Tests.Domain.Audit;

public class AuditChainTests
{
    [Fact]
    public void First_record_follows_the_genesis_hash()
    {
        var link = Assert.Single(AuditChain.Extend(null, [Saved(1)], Start));

        Assert.Equal(1, link.Sequence);
        Assert.Equal(0, link.PreviousSequence);
        Assert.Equal(AuditHash.Genesis, link.PreviousHash);
        Assert.Equal(AuditHash.Compute(AuditHash.Genesis, Saved(1)), link.Hash);
    }

    [Fact]
    public void Each_record_is_chained_to_the_previous_existing_record_across_gaps()
    {
        var links = Chain(Events([1, 2, 5, 9]));

        Assert.Equal([0L, 1, 2, 5], links.Select(l => l.PreviousSequence));
        for (var i = 1; i < links.Count; i++)
            Assert.Equal(links[i - 1].Hash, links[i].PreviousHash);
    }

    [Fact]
    public void Extending_in_batches_gives_the_same_chain_as_all_at_once()
    {
        var events = Events([1, 2, 3, 7, 8, 12]);
        var first = AuditChain.Extend(null, events.Take(2), Start);
        var rest = AuditChain.Extend(first[^1], events.Skip(2), Start);

        Assert.Equal(Chain(events).Select(l => l.Hash), first.Concat(rest).Select(l => l.Hash));
    }

    [Fact]
    public void A_changed_record_changes_its_hash_and_every_hash_after_it()
    {
        var events = Events([1, 2, 3]);
        var edited = events.ToList();
        edited[1] = WithReason(edited[1], "Changed later");

        var original = Chain(events);
        var changed = Chain(edited);
        Assert.Equal(original[0].Hash, changed[0].Hash);
        Assert.NotEqual(original[1].Hash, changed[1].Hash);
        Assert.NotEqual(original[2].Hash, changed[2].Hash);
    }

    [Fact]
    public void Refuses_records_out_of_order_or_not_yet_saved()
    {
        Assert.Throws<ArgumentException>(() => AuditChain.Extend(null, Events([2, 1]), Start));
        Assert.Throws<ArgumentException>(() => AuditChain.Extend(Chain(Events([1, 2]))[^1], Events([2]), Start));
        Assert.Throws<ArgumentException>(() => AuditChain.Extend(null, [Saved(0)], Start));
    }
}
