namespace PharmacyPos.Web.Infrastructure.Storage;

/// <summary>
/// Where closed blocks of the audit chain are kept: write once, never change. A cloud store in
/// production (Blob Storage with an immutability policy), a local folder under the embedded default.
/// </summary>
public interface IAuditArchiveStore
{
    /// <summary>Where the archive is, for people and the health endpoint (never holds a secret).</summary>
    string Location { get; }

    /// <summary>
    /// Writes a block once. Writing the same content again succeeds (a retry after a lost reply);
    /// writing different content under an existing block number throws <see cref="AuditArchiveBlockConflictException"/>.
    /// </summary>
    Task WriteBlockAsync(long blockNumber, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Every block, in block order, one at a time.</summary>
    IAsyncEnumerable<(long BlockNumber, ReadOnlyMemory<byte> Content)> ReadBlocksAsync(CancellationToken cancellationToken);

    /// <summary>One block's content, or null when it is not in the archive.</summary>
    Task<ReadOnlyMemory<byte>?> ReadBlockAsync(long blockNumber, CancellationToken cancellationToken);

    /// <summary>The highest block number written, or null when the archive is empty.</summary>
    Task<long?> LastBlockNumberAsync(CancellationToken cancellationToken);
}

/// <summary>A block already in the archive holds other content: the archive refuses to change it.</summary>
public sealed class AuditArchiveBlockConflictException(long blockNumber, string location)
    : IOException($"Archive block {blockNumber} already exists in {location} with different content; the archive never overwrites a block.")
{
    public long BlockNumber { get; } = blockNumber;
}

/// <summary>
/// Names of block files: <c>blocks/000000000042.jsonl</c>. The number is zero-padded to twelve
/// digits so that listing by name (as Blob Storage does) gives block order.
/// </summary>
public static class AuditArchiveBlockNames
{
    public const string Folder = "blocks";
    public const string Extension = ".jsonl";
    private const int Digits = 12;

    public static string FileName(long blockNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockNumber);
        return blockNumber.ToString($"D{Digits}", System.Globalization.CultureInfo.InvariantCulture) + Extension;
    }

    public static string BlobName(long blockNumber) => Folder + "/" + FileName(blockNumber);

    /// <summary>Reads the block number back from a file or blob name; other names are not blocks.</summary>
    public static bool TryParse(string name, out long blockNumber)
    {
        blockNumber = 0;
        var file = name.StartsWith(Folder + "/", StringComparison.Ordinal) ? name[(Folder.Length + 1)..] : name;
        if (file.Length != Digits + Extension.Length || !file.EndsWith(Extension, StringComparison.Ordinal))
            return false;
        // NumberStyles.None: digits only, no sign, no spaces.
        return long.TryParse(file.AsSpan(0, Digits), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out blockNumber)
            && blockNumber > 0;
    }
}
