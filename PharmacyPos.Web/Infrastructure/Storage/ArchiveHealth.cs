namespace PharmacyPos.Web.Infrastructure.Storage;

/// <summary>What the health endpoint shows about the audit archive.</summary>
/// <param name="PendingBlocks">Closed blocks waiting to be written: 0 when the archive is up to date, at least 1 while a write keeps failing.</param>
/// <param name="ConsecutiveFailures">Archive runs that failed since the last success; above 0 the archive is falling behind.</param>
public sealed record ArchiveHealthSnapshot(
    string Location,
    DateTimeOffset? LastSuccessAt,
    long? LastBlockNumber,
    long? LastSequence,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    int PendingBlocks,
    int ConsecutiveFailures)
{
    public bool IsFailing => ConsecutiveFailures > 0;
}

/// <summary>The audit archive's state, written by the archiver and read by the health endpoint. Thread-safe.</summary>
public sealed class ArchiveHealth
{
    private readonly Lock _lock = new();
    private ArchiveHealthSnapshot _current;

    public ArchiveHealth(IAuditArchiveStore store) => _current = new(store.Location, null, null, null, null, null, 0, 0);

    public ArchiveHealthSnapshot Current
    {
        get { lock (_lock) return _current; }
    }

    public void BlockWritten(long blockNumber, long lastSequence, DateTimeOffset at)
    {
        lock (_lock)
            _current = _current with { LastSuccessAt = at, LastBlockNumber = blockNumber, LastSequence = lastSequence, ConsecutiveFailures = 0 };
    }

    /// <summary>The archive's last block as found in the store when the archiver starts, before it writes any.</summary>
    public void Resumed(long blockNumber, long lastSequence)
    {
        lock (_lock)
            _current = _current with { LastBlockNumber = blockNumber, LastSequence = lastSequence };
    }

    public void UpToDate()
    {
        lock (_lock) _current = _current with { PendingBlocks = 0, ConsecutiveFailures = 0 };
    }

    public void Failed(string error, DateTimeOffset at, int pendingBlocks)
    {
        lock (_lock)
            _current = _current with
            {
                LastError = error,
                LastErrorAt = at,
                PendingBlocks = pendingBlocks,
                ConsecutiveFailures = _current.ConsecutiveFailures + 1,
            };
    }
}
