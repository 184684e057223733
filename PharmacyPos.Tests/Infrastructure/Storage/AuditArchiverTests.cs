using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Infrastructure.Storage;

public sealed class AuditArchiverTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pharmacypos-archiver-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(AuditSamples.Start.AddDays(1));
    private readonly FlakyStore _store;
    private readonly ArchiveHealth _health;
    private List<(AuditEvent Event, AuditChainLink Link)> _trail = [];

    public AuditArchiverTests()
    {
        _store = new FlakyStore(new LocalFolderAuditArchiveStore(_folder));
        _health = new ArchiveHealth(_store);
    }

    public void Dispose()
    {
        if (!Directory.Exists(_folder)) return;
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(_folder, recursive: true);
    }

    private AuditArchiver Archiver(int blockSize = 10, int maxAttempts = 3) => new(
        _store, _health,
        Options.Create(new AuditArchiverOptions
        {
            BlockSize = blockSize,
            MaxAttempts = maxAttempts,
            InitialRetryDelay = TimeSpan.Zero,
            CloseBlockAfter = TimeSpan.FromHours(1),
        }),
        _time, NullLogger<AuditArchiver>.Instance);

    /// <summary>Records 1..count (gaps at multiples of 7), chained at the fake clock's time.</summary>
    private void Chain(int count)
    {
        var events = AuditSamples.Events(Enumerable.Range(1, count).Select(i => (long)i).Where(s => s % 7 != 0));
        var links = AuditChain.Extend(null, events, _time.GetUtcNow());
        _trail = events.Zip(links).ToList();
    }

#pragma warning disable CS1998 // the database query this stands for is asynchronous
    private async IAsyncEnumerable<(AuditEvent, AuditChainLink)> Source(
        long afterSequence, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chained in _trail.Where(c => c.Link.Sequence > afterSequence).Take(max))
            yield return chained;
    }
#pragma warning restore CS1998

    private Task<int> Run(AuditArchiver archiver) => archiver.ArchiveClosedBlocksAsync((after, max) => Source(after, max), CancellationToken.None);

    private Task<AuditArchiveVerificationResult> VerifyArchive() => AuditArchiveVerifier.VerifyAsync(_store.ReadBlocksAsync(CancellationToken.None));

    [Fact]
    public async Task Writes_full_blocks_and_keeps_the_short_tail_for_later()
    {
        Chain(40); // 35 records after the gaps: three blocks of 10 and 5 waiting

        Assert.Equal(3, await Run(Archiver()));

        var archive = await VerifyArchive();
        Assert.True(archive.IsIntact, archive.Message);
        Assert.Equal(30, archive.RecordCount);
        Assert.Equal(_trail[29].Link.Hash, archive.LastHash);
        var health = _health.Current;
        Assert.Equal(3, health.LastBlockNumber);
        Assert.Equal(_time.GetUtcNow(), health.LastSuccessAt);
        Assert.False(health.IsFailing);
        Assert.Equal(0, health.PendingBlocks);
    }

    [Fact]
    public async Task Closes_a_short_block_once_its_oldest_record_has_waited_long_enough()
    {
        Chain(40);
        var archiver = Archiver();
        await Run(archiver);

        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await Run(archiver));

        var archive = await VerifyArchive();
        Assert.True(archive.IsIntact, archive.Message);
        Assert.Equal(4, archive.BlockCount);
        Assert.Equal(_trail[^1].Link.Sequence, archive.LastSequence);
    }

    [Fact]
    public async Task A_new_archiver_continues_where_the_archive_ends()
    {
        Chain(25);
        await Run(Archiver());
        Chain(60);

        Assert.Equal(3, await Run(Archiver()));

        var archive = await VerifyArchive();
        Assert.True(archive.IsIntact, archive.Message);
        Assert.Equal(5, archive.BlockCount);
    }

    [Fact]
    public async Task A_failed_upload_is_retried()
    {
        Chain(12);
        _store.FailNextWrites = 2;

        Assert.Equal(1, await Run(Archiver(maxAttempts: 3)));

        Assert.Equal(3, _store.WriteAttempts);
        Assert.False(_health.Current.IsFailing);
    }

    [Fact]
    public async Task An_upload_that_keeps_failing_shows_on_health_and_is_tried_again_next_run()
    {
        Chain(12);
        _store.FailNextWrites = 3;
        var archiver = Archiver(maxAttempts: 3);

        Assert.Equal(0, await Run(archiver));

        var failing = _health.Current;
        Assert.True(failing.IsFailing);
        Assert.Equal(1, failing.PendingBlocks);
        Assert.Contains("Writing archive block 1", failing.LastError, StringComparison.Ordinal);
        Assert.Contains("The storage account did not answer.", failing.LastError, StringComparison.Ordinal);

        Assert.Equal(1, await Run(archiver));
        Assert.False(_health.Current.IsFailing);
        Assert.Equal(1, _health.Current.LastBlockNumber);
    }

    [Fact]
    public async Task A_chain_that_does_not_verify_is_not_archived()
    {
        Chain(12);
        _trail[3] = (AuditSamples.WithReason(_trail[3].Event, "edited in the database"), _trail[3].Link);

        Assert.Equal(0, await Run(Archiver()));

        Assert.True(_health.Current.IsFailing);
        Assert.Contains("does not match its chain hash", _health.Current.LastError, StringComparison.Ordinal);
        Assert.Null(await _store.LastBlockNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Another_instance_closing_a_block_first_is_followed_not_fought()
    {
        Chain(15);
        var first = Archiver();
        var second = Archiver();
        Assert.Equal(1, await Run(second)); // block 1 holds records 1 to 11; second remembers it
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await Run(first)); // block 2 closed short: 12, 13 and 15 waited over an hour
        Chain(40);

        // second's own block 2 would hold ten records and is refused; it re-reads the archive and goes on.
        Assert.Equal(2, await Run(second));

        var archive = await VerifyArchive();
        Assert.True(archive.IsIntact, archive.Message);
        Assert.Equal(4, archive.BlockCount);
        Assert.False(_health.Current.IsFailing);
    }

    /// <summary>A store whose next writes fail, as a storage account that does not answer.</summary>
    private sealed class FlakyStore(IAuditArchiveStore inner) : IAuditArchiveStore
    {
        public int FailNextWrites { get; set; }
        public int WriteAttempts { get; private set; }
        public string Location => inner.Location;

        public Task WriteBlockAsync(long blockNumber, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            WriteAttempts++;
            if (FailNextWrites-- > 0) throw new IOException("The storage account did not answer.");
            return inner.WriteBlockAsync(blockNumber, content, cancellationToken);
        }

        public IAsyncEnumerable<(long BlockNumber, ReadOnlyMemory<byte> Content)> ReadBlocksAsync(CancellationToken cancellationToken) =>
            inner.ReadBlocksAsync(cancellationToken);

        public Task<ReadOnlyMemory<byte>?> ReadBlockAsync(long blockNumber, CancellationToken cancellationToken) =>
            inner.ReadBlockAsync(blockNumber, cancellationToken);

        public Task<long?> LastBlockNumberAsync(CancellationToken cancellationToken) => inner.LastBlockNumberAsync(cancellationToken);
    }
}
