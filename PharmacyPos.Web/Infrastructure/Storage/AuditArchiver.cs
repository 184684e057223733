using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Web.Infrastructure.Storage;

/// <summary>How the audit chain is cut into archive blocks and how hard a write is retried. Bound from "Storage:AuditArchive".</summary>
public sealed class AuditArchiverOptions
{
    public const string SectionName = StorageOptions.SectionName + ":AuditArchive";

    /// <summary>Records per block.</summary>
    public int BlockSize { get; set; } = 1000;

    /// <summary>A shorter block is closed once its oldest record has been chained this long, so a quiet branch is archived too.</summary>
    public TimeSpan CloseBlockAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts per block in one run, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; it doubles after each failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between archive runs in the background.</summary>
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Writes the chained audit records to the archive in closed blocks, in order, each block
/// continuing the one before. It runs in the background and never throws: a failure is logged
/// and shown on the health endpoint, and the next run starts again where the archive ends.
/// </summary>
/// <remarks>One run at a time per instance. Two instances writing the same block is safe: the
/// blocks are equal (the write is then idempotent) or one loses and re-reads the archive.</remarks>
public sealed class AuditArchiver(
    IAuditArchiveStore store,
    ArchiveHealth health,
    IOptions<AuditArchiverOptions> options,
    TimeProvider time,
    ILogger<AuditArchiver> logger)
{
    private readonly AuditArchiverOptions _options = options.Value;
    private AuditArchiveBlock? _lastBlock;
    private bool _loaded;

    /// <summary>Archives every closed block the source has after the archive's end.</summary>
    /// <param name="source">
    /// Chained records after a sequence, in sequence order, at most the given number:
    /// <c>(afterSequence, max) =&gt; records joined to their links WHERE sequence &gt; afterSequence ORDER BY sequence LIMIT max</c>.
    /// </param>
    /// <returns>The number of blocks written.</returns>
    public async Task<int> ArchiveClosedBlocksAsync(
        Func<long, int, IAsyncEnumerable<(AuditEvent Event, AuditChainLink Link)>> source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var written = 0;
        long? lastConflict = null;
        try
        {
            while (true)
            {
                if (!_loaded && !await LoadLastBlockAsync(cancellationToken)) return written;

                var batch = new List<(AuditEvent, AuditChainLink)>(_options.BlockSize);
                await foreach (var chained in source(_lastBlock?.LastSequence ?? 0, _options.BlockSize).WithCancellation(cancellationToken))
                {
                    batch.Add(chained);
                    if (batch.Count == _options.BlockSize) break;
                }
                if (batch.Count == 0 || (batch.Count < _options.BlockSize && !WaitedLongEnough(batch[0].Item2)))
                {
                    health.UpToDate();
                    return written;
                }

                var block = AuditArchiveBlock.Create(_lastBlock, batch);
                switch (await WriteAsync(block, cancellationToken))
                {
                    case Outcome.Written:
                        _lastBlock = block;
                        written++;
                        health.BlockWritten(block.BlockNumber, block.LastSequence, time.GetUtcNow());
                        break;
                    case Outcome.Conflict when lastConflict != block.BlockNumber:
                        // Another instance closed this block differently (a shorter block, closed
                        // earlier): continue from what the archive holds.
                        lastConflict = block.BlockNumber;
                        _loaded = false;
                        break;
                    case Outcome.Conflict:
                        Fail($"Archive block {block.BlockNumber} in {store.Location} holds other records than the audit trail's chain. Verify the audit trail and the archive.");
                        return written;
                    case Outcome.Failed:
                        return written;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return written;
        }
        catch (InvalidOperationException e)
        {
            // AuditArchiveBlock.Create refuses records that do not continue the chain or match their hashes.
            Fail($"The audit trail was not archived: {e.Message}");
            return written;
        }
        catch (Exception e)
        {
            Fail($"Archiving the audit trail to {store.Location} failed: {e.Message}", e);
            return written;
        }
    }

    private enum Outcome { Written, Conflict, Failed }

    private async Task<Outcome> WriteAsync(AuditArchiveBlock block, CancellationToken cancellationToken)
    {
        var delay = _options.InitialRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.WriteBlockAsync(block.BlockNumber, block.Content, cancellationToken);
                return Outcome.Written;
            }
            catch (AuditArchiveBlockConflictException)
            {
                return Outcome.Conflict;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    Fail($"Writing archive block {block.BlockNumber} to {store.Location} failed {attempt} times; it will be tried again. Last error: {e.Message}", e);
                    return Outcome.Failed;
                }
                logger.LogWarning(e, "Writing archive block {BlockNumber} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}.",
                    block.BlockNumber, attempt, _options.MaxAttempts, delay);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task<bool> LoadLastBlockAsync(CancellationToken cancellationToken)
    {
        var last = await store.LastBlockNumberAsync(cancellationToken);
        if (last is null)
        {
            _lastBlock = null;
            _loaded = true;
            return true;
        }
        var content = await store.ReadBlockAsync(last.Value, cancellationToken);
        AuditArchiveBlock? block = null;
        string? problem = "it is gone.";
        if (content is null || !AuditArchiveBlock.TryRead(content.Value, out block, out problem))
        {
            Fail($"Archive block {last} in {store.Location} cannot be read, so the archive cannot be continued: {problem}");
            return false;
        }
        _lastBlock = block;
        _loaded = true;
        health.Resumed(block!.BlockNumber, block.LastSequence);
        return true;
    }

    private bool WaitedLongEnough(AuditChainLink oldest) => time.GetUtcNow() - oldest.ChainedAt >= _options.CloseBlockAfter;

    private void Fail(string error, Exception? exception = null)
    {
        logger.LogError(exception, "{Error}", error);
        health.Failed(error, time.GetUtcNow(), pendingBlocks: 1);
    }
}
