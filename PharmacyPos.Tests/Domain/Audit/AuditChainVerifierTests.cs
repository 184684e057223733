using PharmacyPos.Domain.Audit;
using static PharmacyPos.Tests.Domain.Audit.AuditSamples;

namespace PharmacyPos.Tests.Domain.Audit;

public class AuditChainVerifierTests
{
    /// <summary>Walks the trail both ways; the two walks must agree.</summary>
    private static async Task<AuditVerificationResult> Verify(List<AuditEvent> events, List<AuditChainLink> links)
    {
        var result = AuditChainVerifier.Verify(events, links);
        Assert.Equal(result, await AuditChainVerifier.VerifyAsync(Async(events), Async(links)));
        return result;
    }

    private static readonly long[] WithGaps = [1, 2, 3, 5, 6, 7, 10, 11, 12, 13];

    [Fact]
    public async Task An_untouched_trail_with_gaps_is_intact()
    {
        var events = Events(WithGaps);

        var result = await Verify(events, Chain(events));

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(10, result.VerifiedCount);
        Assert.Equal(13, result.LastVerifiedSequence);
        Assert.Equal("The audit trail is intact: 10 records checked, up to record 13.", result.Message);
    }

    [Fact]
    public async Task Records_not_yet_chained_are_pending_not_a_break()
    {
        var events = Events(WithGaps);
        var links = Chain(events.Take(6));

        var result = await Verify(events, links);

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(6, result.VerifiedCount);
        Assert.Equal(7, result.LastVerifiedSequence);
        Assert.Equal(4, result.PendingCount);
        Assert.Contains("4 newer records are waiting to be chained", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_trail_is_intact()
    {
        var result = await Verify([], []);
        Assert.True(result.IsIntact);
        Assert.Null(result.LastVerifiedSequence);
    }

    [Fact]
    public async Task An_edited_record_breaks_the_chain_at_its_sequence()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events[4] = WithReason(events[4], "Nothing to see here");

        var result = await Verify(events, links);

        Assert.Equal(6, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Edited, result.Kind);
        Assert.Equal(4, result.VerifiedCount);
        Assert.Equal(5, result.LastVerifiedSequence);
        Assert.Equal("The audit trail is broken at record 6: its content was changed after it was written.", result.Message);
    }

    [Fact]
    public async Task An_edit_with_its_hash_rewritten_is_found_at_the_edited_record()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events[4] = WithReason(events[4], "Nothing to see here");
        var forged = AuditChain.Extend(links[3], [events[4]], Start)[0];
        links[4] = forged;

        var result = await Verify(events, links);

        Assert.Equal(6, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Edited, result.Kind);
        Assert.Equal(5, result.LastVerifiedSequence);
    }

    [Fact]
    public async Task A_deleted_record_breaks_the_chain_at_its_sequence()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events.RemoveAt(6);

        var result = await Verify(events, links);

        Assert.Equal(10, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Deleted, result.Kind);
        Assert.Equal("The audit trail is broken at record 10: the record was deleted.", result.Message);
    }

    [Fact]
    public async Task A_record_deleted_with_its_link_breaks_the_chain_at_its_sequence()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events.RemoveAt(6);
        links.RemoveAt(6);

        var result = await Verify(events, links);

        Assert.Equal(10, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Deleted, result.Kind);
    }

    [Fact]
    public async Task A_record_inserted_into_a_gap_breaks_the_chain_at_its_sequence()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events.Insert(3, Saved(4));

        var result = await Verify(events, links);

        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Inserted, result.Kind);
        Assert.Equal(3, result.LastVerifiedSequence);
    }

    [Fact]
    public async Task A_record_inserted_with_a_forged_link_is_found_where_the_next_link_skips_it()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        var inserted = Saved(4);
        events.Insert(3, inserted);
        links.Insert(3, AuditChain.Extend(links[2], [inserted], Start)[0]);

        var result = await Verify(events, links);

        Assert.Equal(4, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Inserted, result.Kind);
        Assert.Equal(3, result.VerifiedCount);
        Assert.Equal(3, result.LastVerifiedSequence);
    }

    [Fact]
    public async Task Two_records_swapped_are_reported_as_reordered_at_both_places()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        (events[5], events[6]) = (Moved(events[6], 7), Moved(events[5], 10));

        var result = await Verify(events, links);

        Assert.Equal(7, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Reordered, result.Kind);
        Assert.Equal(
            "The audit trail is broken at record 7: records were moved between positions. Its content is now at record 10. 1 more break was found after it.",
            result.Message);
        Assert.Equal([(7L, AuditBreakKind.Reordered), (10L, AuditBreakKind.Reordered)], result.Breaks.Select(b => (b.Sequence, b.Kind)));
    }

    [Fact]
    public async Task Content_moved_further_than_the_next_record_is_reported_as_edited_at_the_first_moved_position()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        (events[2], events[8]) = (Moved(events[8], 3), Moved(events[2], 12));

        var result = await Verify(events, links);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Edited, result.Kind);
    }

    [Fact]
    public async Task A_changed_link_breaks_the_chain()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        links[0] = new AuditChainLink(1, 0, new string('1', 64), links[0].Hash, Start);

        var result = await Verify(events, links);

        Assert.Equal(1, result.BrokenAtSequence);
        Assert.Equal(AuditBreakKind.Edited, result.Kind);
    }

    [Fact]
    public async Task Two_edited_records_are_both_listed_and_the_records_between_them_still_checked()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events[1] = WithReason(events[1], "Nothing to see here");
        events[7] = WithReason(events[7], "Nor here");

        var result = await Verify(events, links);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BreakCount);
        Assert.Equal([(2L, AuditBreakKind.Edited), (11L, AuditBreakKind.Edited)], result.Breaks.Select(b => (b.Sequence, b.Kind)));
        Assert.Equal(2, result.BrokenAtSequence);
        Assert.Equal(1, result.VerifiedCount);
        Assert.Equal("The audit trail is broken at record 2: its content was changed after it was written. 1 more break was found after it.", result.Message);
    }

    [Fact]
    public async Task Every_kind_of_break_in_one_trail_is_listed_in_sequence_order()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events.RemoveAt(1);                                        // record 2 deleted
        events.Insert(2, Saved(4));                                // record 4 slipped into a gap
        (events[5], events[6]) = (Moved(events[6], 7), Moved(events[5], 10)); // records 7 and 10 swapped
        events[^1] = WithReason(events[^1], "Nothing to see here"); // record 13 edited

        var result = await Verify(events, links);

        Assert.Equal(
            [(2L, AuditBreakKind.Deleted), (4L, AuditBreakKind.Inserted), (7L, AuditBreakKind.Reordered), (10L, AuditBreakKind.Reordered), (13L, AuditBreakKind.Edited)],
            result.Breaks.Select(b => (b.Sequence, b.Kind)));
        Assert.Equal(5, result.BreakCount);
        Assert.Contains("Its content belongs at record 7.", result.Breaks[3].Message, StringComparison.Ordinal);
        Assert.Contains("4 more breaks were found after it.", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_record_after_a_rewritten_hash_is_not_reported()
    {
        var events = Events(WithGaps);
        var links = Chain(events);
        events[4] = WithReason(events[4], "Nothing to see here");
        links[4] = AuditChain.Extend(links[3], [events[4]], Start)[0];

        var result = await Verify(events, links);

        Assert.Equal([(6L, AuditBreakKind.Edited)], result.Breaks.Select(b => (b.Sequence, b.Kind)));
    }

    [Fact]
    public async Task Records_waiting_to_be_chained_are_counted_after_a_break_too()
    {
        var events = Events(WithGaps);
        var links = Chain(events.Take(8));
        events[2] = WithReason(events[2], "Nothing to see here");

        var result = await Verify(events, links);

        Assert.Equal([(3L, AuditBreakKind.Edited)], result.Breaks.Select(b => (b.Sequence, b.Kind)));
        Assert.Equal(2, result.PendingCount);
    }

    [Fact]
    public void Refuses_records_given_out_of_order() =>
        Assert.Throws<ArgumentException>(() => AuditChainVerifier.Verify(Events([1, 3, 2]), Chain(Events([1]))));

    [Fact]
    public void A_long_trail_is_verified_as_a_stream()
    {
        const long count = 200_000;
        var events = new CountingSequence<AuditEvent>(Stream(count));
        var links = new CountingSequence<AuditChainLink>(StreamChain(count));

        var result = AuditChainVerifier.Verify(events, links);

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(count, result.VerifiedCount);
        Assert.Equal(1, events.Enumerations);
        Assert.Equal(1, links.Enumerations);
    }

    [Fact]
    public async Task A_long_trail_is_verified_as_an_async_stream()
    {
        const long count = 200_000;

        var result = await AuditChainVerifier.VerifyAsync(Quick(Stream(count)), Quick(StreamChain(count)));

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(count, result.VerifiedCount);
    }

#pragma warning disable CS1998 // an async stream that never waits, as a database reader with rows buffered
    private static async IAsyncEnumerable<T> Quick<T>(IEnumerable<T> items)
    {
        foreach (var item in items) yield return item;
    }
#pragma warning restore CS1998

    private sealed class CountingSequence<T>(IEnumerable<T> inner) : IEnumerable<T>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<T> GetEnumerator()
        {
            Enumerations++;
            return inner.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
