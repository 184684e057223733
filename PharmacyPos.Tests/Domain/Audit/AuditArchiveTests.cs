using System.Text;
using FsCheck.Xunit;
using PharmacyPos.Domain.Audit;
using static PharmacyPos.Tests.Domain.Audit.AuditSamples;

namespace PharmacyPos.Tests.Domain.Audit;

public class AuditArchiveTests
{
    /// <summary>Records 1..27 with gaps at 4, 13 and 20, closed in blocks of 8 (the last one short).</summary>
    private static List<AuditArchiveBlock> Archive()
    {
        var events = Events(Enumerable.Range(1, 27).Select(i => (long)i).Where(s => s is not (4 or 13 or 20)));
        var links = Chain(events);
        var blocks = new List<AuditArchiveBlock>();
        AuditArchiveBlock? previous = null;
        foreach (var run in events.Zip(links).Chunk(8))
        {
            previous = AuditArchiveBlock.Create(previous, run);
            blocks.Add(previous);
        }
        return blocks;
    }

    private static IEnumerable<(long, ReadOnlyMemory<byte>)> Files(IEnumerable<AuditArchiveBlock> blocks) =>
        blocks.Select(b => (b.BlockNumber, b.Content));

    private static Task<AuditArchiveVerificationResult> Verify(IEnumerable<(long, ReadOnlyMemory<byte>)> files) =>
        AuditArchiveVerifier.VerifyAsync(Async(files.ToList()));

    private static (long, ReadOnlyMemory<byte>) Change(AuditArchiveBlock block, Func<string, string> edit) =>
        (block.BlockNumber, Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(block.Content.Span))));

    [Fact]
    public async Task An_untouched_archive_is_intact()
    {
        var result = await Verify(Files(Archive()));

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(3, result.BlockCount);
        Assert.Equal(24, result.RecordCount);
        Assert.Equal(27, result.LastSequence);
        Assert.Equal("The audit archive is intact: 3 blocks, 24 records, up to record 27.", result.Message);
    }

    [Fact]
    public async Task The_archive_ends_on_the_same_hash_as_the_database_chain()
    {
        var events = Events(Enumerable.Range(1, 27).Select(i => (long)i).Where(s => s is not (4 or 13 or 20)));

        var result = await Verify(Files(Archive()));

        Assert.Equal(Chain(events)[^1].Hash, result.LastHash);
        Assert.Equal(AuditChainVerifier.Verify(events, Chain(events)).LastVerifiedHash, result.LastHash);
    }

    [Fact]
    public void A_block_reads_back_as_it_was_written()
    {
        var written = Archive()[1];

        Assert.True(AuditArchiveBlock.TryRead(written.Content.ToArray(), out var read, out var problem), problem);
        Assert.Equal(2, read!.BlockNumber);
        Assert.Equal(written.PreviousBlockHash, read.PreviousBlockHash);
        Assert.Equal(written.BlockHash, read.BlockHash);
        Assert.Equal(written.BlockHash, read.ComputeBlockHash());
        Assert.Equal(written.Entries, read.Entries);
        Assert.Equal(10, read.FirstSequence);
        Assert.Equal(18, read.LastSequence);
    }

    [Fact]
    public void A_block_file_is_json_lines_with_a_header_records_and_a_trailer()
    {
        var lines = Encoding.UTF8.GetString(Archive()[0].Content.Span).Split('\n');

        Assert.Equal(8 + 3, lines.Length); // header, 8 records, trailer, and the empty end after the last "\n"
        Assert.StartsWith("""{"type":"header","format":"pharmacypos-audit-archive/1","block":1,"previousBlockHash":"0000""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"record","sequence":1,"previousSequence":0,""", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"trailer","block":1,"count":8,"blockHash":""", lines[9], StringComparison.Ordinal);
        Assert.Equal("", lines[10]);
    }

    [Fact]
    public void Refuses_to_archive_records_that_do_not_continue_the_previous_block()
    {
        var blocks = Archive();
        var events = Events([30, 31]);
        var unrelated = Chain(events);

        Assert.Throws<InvalidOperationException>(() => AuditArchiveBlock.Create(blocks[^1], events.Zip(unrelated).ToList()));
    }

    [Fact]
    public void Refuses_to_archive_a_record_that_no_longer_matches_its_hash()
    {
        var events = Events([1, 2]);
        var links = Chain(events);
        events[1] = WithReason(events[1], "edited");

        Assert.Throws<InvalidOperationException>(() => AuditArchiveBlock.Create(null, events.Zip(links).ToList()));
    }

    [Fact]
    public async Task One_byte_changed_in_a_record_is_found_at_that_block_and_record()
    {
        var blocks = Archive();
        var files = Files(blocks).ToList();
        files[1] = Change(blocks[1], text => ReplaceOnce(text, "\"entityId\":\"S-14\"", "\"entityId\":\"S-15\""));

        var result = await Verify(files);

        Assert.Equal(2, result.BrokenAtBlock);
        Assert.Equal(14, result.BrokenAtSequence);
        Assert.Equal(AuditArchiveBreakKind.Altered, result.Kind);
        Assert.Equal("Archive block 2 is broken at record 14: its content was changed after it was written.", result.Message);
        Assert.Equal(12, result.LastSequence);
    }

    [Fact]
    public async Task A_truncated_block_says_the_file_was_cut_short()
    {
        var blocks = Archive();
        var files = Files(blocks).ToList();
        files[2] = (3, blocks[2].Content[..(blocks[2].Content.Length / 2)]);

        var result = await Verify(files);

        Assert.Equal(3, result.BrokenAtBlock);
        Assert.Equal(AuditArchiveBreakKind.Damaged, result.Kind);
        Assert.Equal("Archive block 3 cannot be read: it ends before its closing line: the file was cut short.", result.Message);
    }

    [Fact]
    public async Task A_block_cut_at_a_line_end_says_the_file_was_cut_short()
    {
        var blocks = Archive();
        var content = blocks[2].Content;
        var lastLine = content.Span[..^1].LastIndexOf((byte)'\n') + 1;
        var files = Files(blocks).ToList();
        files[2] = (3, content[..lastLine]);

        var result = await Verify(files);

        Assert.Equal(3, result.BrokenAtBlock);
        Assert.Contains("cut short", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_that_is_not_json_says_which_line()
    {
        var blocks = Archive();
        var files = Files(blocks).ToList();
        files[1] = Change(blocks[1], text => ReplaceOnce(text, "{\"type\":\"record\",\"sequence\":11,", "{\"type\":\"record\"\"sequence\":11,"));

        var result = await Verify(files);

        Assert.Equal(2, result.BrokenAtBlock);
        Assert.Equal(AuditArchiveBreakKind.Damaged, result.Kind);
        Assert.Equal("Archive block 2 cannot be read: line 3 is not valid JSON.", result.Message);
    }

    [Fact]
    public async Task A_block_removed_from_the_middle_is_reported_missing()
    {
        var files = Files(Archive()).ToList();
        files.RemoveAt(1);

        var result = await Verify(files);

        Assert.Equal(2, result.BrokenAtBlock);
        Assert.Equal(AuditArchiveBreakKind.Missing, result.Kind);
        Assert.Equal(
            "Archive block 2 is missing: block 3 comes next after block 1, so the records between them cannot be checked.",
            result.Message);
    }

    [Fact]
    public async Task A_missing_first_block_is_reported()
    {
        var result = await Verify(Files(Archive()).Skip(1));

        Assert.Equal(1, result.BrokenAtBlock);
        Assert.Equal(AuditArchiveBreakKind.Missing, result.Kind);
    }

    [Fact]
    public async Task A_rewritten_block_with_fresh_hashes_does_not_fit_the_block_after_it()
    {
        var events = Events(Enumerable.Range(1, 27).Select(i => (long)i).Where(s => s is not (4 or 13 or 20)));
        events[9] = WithReason(events[9], "rewritten");
        var forgedLinks = Chain(events);
        var blocks = Archive();
        var forged = AuditArchiveBlock.Create(blocks[0], events.Zip(forgedLinks).Skip(8).Take(8).ToList());
        var files = Files(blocks).ToList();
        files[1] = (2, forged.Content);

        var result = await Verify(files);

        Assert.Equal(3, result.BrokenAtBlock);
        Assert.Equal(AuditArchiveBreakKind.Altered, result.Kind);
        Assert.Equal("Archive block 3 does not follow block 2: the previous block hash it names is not that block's.", result.Message);
    }

    [Fact]
    public async Task A_changed_block_hash_is_found()
    {
        var blocks = Archive();
        var files = Files(blocks).ToList();
        files[0] = Change(blocks[0], text => ReplaceOnce(text, "\"blockHash\":\"" + blocks[0].BlockHash[..4], "\"blockHash\":\"ffff"));

        var result = await Verify(files);

        Assert.Equal(1, result.BrokenAtBlock);
        Assert.Equal(AuditArchiveBreakKind.Altered, result.Kind);
        Assert.Contains("does not match its block hash", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_holding_another_block_is_reported()
    {
        var blocks = Archive();
        var files = Files(blocks).ToList();
        files[1] = (2, blocks[2].Content);

        var result = await Verify(files);

        Assert.Equal(2, result.BrokenAtBlock);
        Assert.Equal("Archive block 2 cannot be read: the file holds block 3.", result.Message);
    }

    [Theory]
    [InlineData("", "the file is empty.")]
    [InlineData("hello\n", "line 1 is not valid JSON.")]
    [InlineData("[1]\n", "line 1 is not a JSON object.")]
    [InlineData("{\"type\":\"header\",\"format\":\"other/9\"}\n", "it is in the format \"other/9\", which this version cannot check.")]
    [InlineData("{\"type\":\"record\"}\n", "its first line is not the block's header.")]
    public void A_damaged_file_gives_a_clear_problem(string content, string problem)
    {
        Assert.False(AuditArchiveBlock.TryRead(Encoding.UTF8.GetBytes(content), out var block, out var found));
        Assert.Null(block);
        Assert.Equal(problem, found);
    }

    [Fact]
    public async Task An_empty_archive_is_intact()
    {
        var result = await Verify([]);
        Assert.True(result.IsIntact);
        Assert.Equal("The audit archive has no blocks yet.", result.Message);
    }

    private static readonly byte[] FirstBlock = Archive()[0].Content.ToArray();

    [Property(MaxTest = 300)]
    public bool Any_single_byte_changed_is_caught_without_an_exception(int position, byte value)
    {
        var content = FirstBlock.ToArray();
        var at = (int)((uint)position % content.Length);
        if (content[at] == value) value ^= 0x01;
        content[at] = value;

        var result = AuditArchiveVerifier.VerifyAsync(Async<(long, ReadOnlyMemory<byte>)>([(1, content)])).GetAwaiter().GetResult();

        return !result.IsIntact && result.BrokenAtBlock == 1 && result.Message.StartsWith("Archive block 1 ", StringComparison.Ordinal);
    }

    [Property]
    public bool Reading_arbitrary_bytes_never_throws(byte[] content) =>
        !AuditArchiveBlock.TryRead(content ?? [], out _, out var problem) && problem is { Length: > 0 };

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"\"{find}\" is not in the block.");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
