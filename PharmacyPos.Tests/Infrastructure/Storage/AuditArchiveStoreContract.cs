using System.Text;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Storage;
using PharmacyPos.Tests.Domain.Audit;

namespace PharmacyPos.Tests.Infrastructure.Storage;

/// <summary>What every audit archive store must do; each store's test class runs these against a real store.</summary>
public abstract class AuditArchiveStoreContract : IAsyncLifetime
{
    protected IAuditArchiveStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty archive, private to one test.</summary>
    protected abstract Task<IAuditArchiveStore> CreateStoreAsync();

    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DeleteStoreAsync();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static CancellationToken None => CancellationToken.None;

    private async Task<List<(long BlockNumber, string Text)>> ReadAll()
    {
        var blocks = new List<(long, string)>();
        await foreach (var (number, content) in Store.ReadBlocksAsync(None))
            blocks.Add((number, Encoding.UTF8.GetString(content.Span)));
        return blocks;
    }

    [Fact]
    public async Task An_empty_archive_has_no_blocks()
    {
        Assert.Empty(await ReadAll());
        Assert.Null(await Store.LastBlockNumberAsync(None));
        Assert.Null(await Store.ReadBlockAsync(1, None));
    }

    [Fact]
    public async Task Blocks_are_read_back_in_block_order()
    {
        await Store.WriteBlockAsync(10, Bytes("ten\n"), None);
        await Store.WriteBlockAsync(2, Bytes("two\n"), None);
        await Store.WriteBlockAsync(1, Bytes("one\n"), None);

        Assert.Equal([(1L, "one\n"), (2L, "two\n"), (10L, "ten\n")], await ReadAll());
        Assert.Equal(10, await Store.LastBlockNumberAsync(None));
        Assert.Equal("two\n", Encoding.UTF8.GetString((await Store.ReadBlockAsync(2, None))!.Value.Span));
    }

    [Fact]
    public async Task Writing_the_same_block_again_succeeds()
    {
        await Store.WriteBlockAsync(1, Bytes("one\n"), None);
        await Store.WriteBlockAsync(1, Bytes("one\n"), None);

        Assert.Equal([(1L, "one\n")], await ReadAll());
    }

    [Fact]
    public async Task Refuses_to_overwrite_a_block_with_other_content()
    {
        await Store.WriteBlockAsync(1, Bytes("one\n"), None);

        var refused = await Assert.ThrowsAsync<AuditArchiveBlockConflictException>(
            () => Store.WriteBlockAsync(1, Bytes("forged\n"), None));

        Assert.Equal(1, refused.BlockNumber);
        Assert.Contains("never overwrites", refused.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, "one\n")], await ReadAll());
    }

    [Fact]
    public async Task Of_two_writers_racing_with_different_blocks_exactly_one_wins()
    {
        var writes = Enumerable.Range(0, 4)
            .Select(i => Store.WriteBlockAsync(7, Bytes($"writer {i}\n"), None))
            .ToList();

        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try { await w; return true; }
            catch (AuditArchiveBlockConflictException) { return false; }
        }));

        Assert.Single(outcomes, won => won);
        var stored = Assert.Single(await ReadAll());
        Assert.StartsWith("writer ", stored.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_archive_written_to_the_store_verifies()
    {
        var events = AuditSamples.Events(Enumerable.Range(1, 25).Select(i => (long)i));
        var links = AuditSamples.Chain(events);
        AuditArchiveBlock? previous = null;
        foreach (var run in events.Zip(links).Chunk(10))
        {
            previous = AuditArchiveBlock.Create(previous, run);
            await Store.WriteBlockAsync(previous.BlockNumber, previous.Content, None);
        }

        var result = await AuditArchiveVerifier.VerifyAsync(Store.ReadBlocksAsync(None));

        Assert.True(result.IsIntact, result.Message);
        Assert.Equal(3, result.BlockCount);
        Assert.Equal(links[^1].Hash, result.LastHash);
    }
}
